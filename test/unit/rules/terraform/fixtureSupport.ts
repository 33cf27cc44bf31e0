import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTerraformFile } from '../../../../src/core/format/terraform/terraformFile';
import { analyzeTerraform } from '../../../../src/core/rules/terraform/index';
import type { FileAnalysis, RawFinding } from '../../../../src/core/rules/types';

export const FIXTURE_ROOT = join(__dirname, '..', '..', '..', 'fixtures', 'rules', 'terraform');

/** One file of a fixture, under the virtual path the analyzer sees (`/repo/infra/<path in the rule's folder>`). */
export interface FixtureFile {
  path: string;
  text: string;
}

export interface RuleFixture {
  ruleId: string;
  name: string;
  kind: 'bad' | 'good';
  /** One file, or the files of a module (a `bad-*`/`good-*` folder). */
  files: FixtureFile[];
}

/**
 * Every fixture: `<rule>/…/bad-*.tf(vars)` and `good-*`, files or folders (a folder is a module). Folders
 * between hold a layout the rule reads (`environments/dev/`), and are part of the virtual path.
 */
export function ruleFixtures(): RuleFixture[] {
  const fixtures: RuleFixture[] = [];
  for (const rule of readdirSync(FIXTURE_ROOT).sort()) {
    if (!statSync(join(FIXTURE_ROOT, rule)).isDirectory()) continue;
    collect(rule, '', fixtures);
  }
  return fixtures;
}

function collect(rule: string, relative: string, out: RuleFixture[]): void {
  const folder = join(FIXTURE_ROOT, rule, relative);
  for (const name of readdirSync(folder).sort()) {
    const kind = name.startsWith('bad-') ? 'bad' : name.startsWith('good-') ? 'good' : undefined;
    const path = relative ? `${relative}/${name}` : name;
    const isFolder = statSync(join(folder, name)).isDirectory();
    if (!kind) {
      if (isFolder) collect(rule, path, out);
      continue;
    }
    const files = isFolder
      ? readdirSync(join(folder, name))
          .sort()
          .map((file) => ({ path: `/repo/infra/${path}/${file}`, text: readFileSync(join(folder, name, file), 'utf8') }))
      : [{ path: `/repo/infra/${path}`, text: readFileSync(join(folder, name), 'utf8') }];
    out.push({ ruleId: `tf/${rule}`, name: `${rule}/${path}`, kind, files });
  }
}

/** Each file of a fixture analysed as part of its module (the others as workspace facts). */
export function analyzeFixture(files: readonly FixtureFile[]): Array<{ file: FixtureFile; analysis: FileAnalysis }> {
  const parsed = files.map((file) => parseTerraformFile(file.path, file.text));
  return files.map((file) => ({
    file,
    analysis: analyzeTerraform(file.text, { deploysWithKubernetes: false, terraform: { files: parsed, root: '/repo' } }, file.path),
  }));
}

export function findingsOf(text: string, ruleId: string, path = '/repo/infra/main.tf'): RawFinding[] {
  return analyzeTerraform(text, { deploysWithKubernetes: false }, path).findings.filter((finding) => finding.ruleId === ruleId);
}

/** Zero-based lines that follow a `# expect` comment (the next line that is not a comment). */
export function expectedLines(text: string): number[] {
  const lines = text.split('\n');
  const expected: number[] = [];
  lines.forEach((line, index) => {
    if (line.trim() !== '# expect') return;
    let next = index + 1;
    while (next < lines.length && lines[next].trim().startsWith('#')) next++;
    expected.push(next);
  });
  return expected;
}
