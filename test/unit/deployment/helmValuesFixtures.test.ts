import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { helmValuesDigest } from '../../../src/core/deployment/digest/helmDigest';
import { fileDigests } from '../../../src/core/deployment/digest/fileDigests';
import { helmValuesAnalysis } from '../../../src/core/deployment/helm/helmValuesAnalysis';
import { DeploymentModel } from '../../../src/core/deployment/model/deploymentModel';
import type { HelmValue } from '../../../src/core/deployment/types';
import { builtinRuleCatalog } from '../../../src/core/rules/engine/ruleCatalog';
import { check } from '../cli-check/support';

/**
 * Helm charts laid out like real ones (a service chart with `resources: {}`, a chart with requests and limits and
 * an autoscaler, a worker whose production values run 3 replicas, a database chart, a library chart), with the
 * findings `stage-guide check` must report in their values files and the ones it must not. Every expected silence
 * lies on a value that, read alone, breaks the rule (so the silence is the chart's doing: its templates, its
 * autoscaler, its production values, its role), and no finding outside the list may be reported in a values file.
 */
const FOLDER = join(__dirname, '..', '..', 'fixtures', 'workspaces', 'helm-values');

interface Expectations {
  findings: string[];
  silences: string[];
}

const expected = parse(readFileSync(join(FOLDER, 'expectations.yml'), 'utf8')) as Expectations;

/** `rule file:line` of every finding the check reports (due or next), paths relative to the workspace. */
async function reported(): Promise<Array<{ key: string; message: string }>> {
  const run = await check(FOLDER, '.', '--format', 'json', '--fail-on', 'none');
  assert.equal(run.code, 0, run.err);
  const json = JSON.parse(run.out) as {
    services: Array<{ findings: Array<{ rule: string; file: string; line: number; message: string }> }>;
  };
  return json.services.flatMap((service) =>
    service.findings.map((finding) => ({ key: `${finding.rule} ${finding.file}:${finding.line}`, message: finding.message })),
  );
}

/** Whether a value, read alone (without its chart), breaks the rule. */
function breaksAlone(ruleId: string, value: HelmValue): boolean {
  if (ruleId === 'k8s/replicas') return value.kind === 'replicaCount' && value.count < 2;
  if (ruleId === 'k8s/resource-requests') return value.kind === 'resources' && value.missingRequests.length > 0;
  if (ruleId === 'k8s/memory-limit') return value.kind === 'resources' && !value.memoryLimit;
  if (ruleId === 'k8s/liveness-probe' || ruleId === 'k8s/readiness-probe') return value.kind === 'probe' && !value.set;
  return false;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('Helm values: findings and silences judged by what the chart templates use', () => {
  let found: Array<{ key: string; message: string }>;
  before(async () => {
    found = await reported();
  });

  it('reports every expected finding, and nothing else in a values file', () => {
    const keys = new Set(found.map((finding) => finding.key));
    for (const finding of expected.findings) assert.ok(keys.has(finding), `missing: ${finding}\nreported:\n${[...keys].join('\n')}`);
    const inValues = found.filter((finding) => /\/values[^/]*\.yaml:/.test(finding.key)).map((finding) => finding.key);
    assert.deepEqual(inValues.sort(), [...expected.findings].sort());
  });

  it('keeps every expected silence (each one on a value that breaks the rule when read alone)', () => {
    const keys = new Set(found.map((finding) => finding.key));
    assert.ok(expected.silences.length > 0);
    for (const silence of expected.silences) {
      const [ruleId, place] = silence.split(' ');
      const file = place.slice(0, place.lastIndexOf(':'));
      const line = Number(place.slice(place.lastIndexOf(':') + 1));
      const path = join(FOLDER, file);
      const settings = helmValuesDigest(path, readFileSync(path, 'utf8')).settings ?? [];
      const value = settings.find((setting) => setting.range.start.line + 1 === line)?.value;
      assert.ok(value && breaksAlone(ruleId, value), `no value breaking ${ruleId} at ${place}`);
      assert.ok(!keys.has(silence), `reported, but the chart answers it: ${silence}`);
    }
  });

  it('says what the chart runs and why', () => {
    const replicas = found.find((finding) => finding.key === 'k8s/replicas charts/api/values.yaml:2');
    assert.match(replicas?.message ?? '', /runs 1 replica .*no autoscaler/);
    const resources = found.find((finding) => finding.key === 'k8s/resource-requests charts/api/values.yaml:13');
    assert.match(resources?.message ?? '', /`resources` is empty/);
  });

  it('is what the editor shows: the same analysis from the open file and a model of the files on disk', () => {
    // The editor's walk digests every file (fileDigests), and its GuidanceService digests the open values.yaml itself.
    const files = filesUnder(FOLDER).map((path) => path.replaceAll('\\', '/'));
    const digests = files.flatMap((path) => fileDigests(path, readFileSync(path, 'utf8'), { isFile: (each) => files.includes(each) }));
    const model = new DeploymentModel(digests, { repositoryRoot: FOLDER.replaceAll('\\', '/') });
    const editor = files.flatMap((path) => {
      if (!path.endsWith('/values.yaml')) return [];
      const analysis = helmValuesAnalysis(helmValuesDigest(path, readFileSync(path, 'utf8')), model, builtinRuleCatalog());
      return (analysis?.findings ?? []).map(
        (finding) => `${finding.ruleId} ${relative(FOLDER, path).replaceAll('\\', '/')}:${finding.range.start.line + 1}`,
      );
    });
    assert.deepEqual(editor.sort(), [...expected.findings].sort());
  });
});
