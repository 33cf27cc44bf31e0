import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { analyzeFile } from '../../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../../src/core/rules/types';
import { check } from '../cli-check/support';

/**
 * Workspaces laid out like real projects (compose overlays used by a deploy
 * workflow, kustomize base + overlays + patches with an Argo CD app, test
 * compose files and images, CI builds with --target), each with the findings
 * `stage-guide check` must report and the ones it must not. Every expected
 * silence is first shown to be reported by the file alone, so a silence is
 * the deployment model's doing and the test fails if the model stops judging.
 */
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'workspaces', 'deployment-judgement');

interface Expectations {
  findings: string[];
  silences: string[];
}

function expectationsOf(folder: string): Expectations {
  const raw = parse(readFileSync(join(folder, 'expectations.yml'), 'utf8')) as Partial<Expectations>;
  return { findings: raw.findings ?? [], silences: raw.silences ?? [] };
}

/** `rule file:line` of every finding the check reports (due or next), paths relative to the workspace. */
async function reported(folder: string): Promise<Set<string>> {
  const run = await check(folder, '.', '--format', 'json', '--fail-on', 'none');
  assert.equal(run.code, 0, run.err);
  const json = JSON.parse(run.out) as { services: Array<{ findings: Array<{ rule: string; file: string; line: number }> }> };
  return new Set(json.services.flatMap((service) => service.findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}`)));
}

/** `rule file:line` of what the file's own analysis reports, before any judgement. */
function reportedAlone(folder: string, relative: string): Set<string> {
  const path = join(folder, relative);
  const analysis = analyzeFile(path.replaceAll('\\', '/'), readFileSync(path, 'utf8'), NO_WORKSPACE_FACTS);
  return new Set((analysis?.findings ?? []).map((finding) => `${finding.ruleId} ${relative}:${finding.range.start.line + 1}`));
}

describe('deployment fixtures: findings and silences judged by the workspace model', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    const folder = join(FIXTURES, name);
    describe(name, () => {
      const expected = expectationsOf(folder);
      let found: Set<string>;
      before(async () => {
        found = await reported(folder);
      });

      it('reports every expected finding', () => {
        for (const finding of expected.findings) assert.ok(found.has(finding), `missing: ${finding}\nreported:\n${[...found].join('\n')}`);
      });

      it('keeps every expected silence (each one a finding its file alone would get)', () => {
        assert.ok(expected.silences.length > 0);
        for (const silence of expected.silences) {
          const file = silence.slice(silence.indexOf(' ') + 1, silence.lastIndexOf(':'));
          assert.ok(reportedAlone(folder, file).has(silence), `not a finding of ${file} alone: ${silence}`);
          assert.ok(!found.has(silence), `reported, but the deployment answers it: ${silence}`);
        }
      });
    });
  }
});
