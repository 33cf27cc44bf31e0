import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { peerId, readPeerChecks } from '../../../../scripts/peerChecks';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('the recall table (data/peer-checks.yml) and the rules’ peers agree', () => {
  const tools = readPeerChecks(ROOT);
  const catalog = builtinRuleCatalog();
  const toolIds = new Set(tools.map((tool) => tool.id));

  it('lists hadolint, kube-linter, kube-score, zizmor, Checkov, Trivy and TFLint, each check once, covered or saying why not', () => {
    assert.deepEqual([...toolIds].sort(), ['checkov', 'hadolint', 'kube-linter', 'kube-score', 'tflint', 'trivy', 'zizmor']);
    for (const tool of tools) {
      const ids = tool.checks.map((check) => check.id);
      assert.equal(new Set(ids).size, ids.length, `${tool.id}: a check listed twice`);
      for (const check of tool.checks) {
        const covered = (check.rules?.length ?? 0) > 0;
        assert.ok(covered !== (check.notCovered !== undefined), `${peerId(tool, check)}: either rules or notCovered`);
        for (const id of check.rules ?? []) assert.ok(catalog.byId.has(id), `${peerId(tool, check)}: unknown rule ${id}`);
      }
    }
  });

  it("every rule in a check's row lists that check in its peers", () => {
    for (const tool of tools)
      for (const check of tool.checks)
        for (const id of check.rules ?? [])
          assert.ok(catalog.byId.get(id)!.peers.includes(peerId(tool, check)), `${id} does not list ${peerId(tool, check)} in its peers`);
  });

  it('every peer check of these tools that a rule lists is in the table, with that rule', () => {
    for (const rule of catalog.rules) {
      for (const peer of rule.peers) {
        const [toolId, checkId] = [peer.slice(0, peer.indexOf(':')), peer.slice(peer.indexOf(':') + 1)];
        if (!toolIds.has(toolId)) continue;
        const check = tools.find((tool) => tool.id === toolId)!.checks.find((candidate) => candidate.id === checkId);
        assert.ok(check, `${rule.id} lists ${peer}, which data/peer-checks.yml does not`);
        assert.ok(check.rules?.includes(rule.id), `data/peer-checks.yml maps ${peer} without ${rule.id}, which lists it`);
      }
    }
  });
});
