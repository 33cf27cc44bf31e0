import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeFile } from '../../../src/core/rules/engine/analyzeFile';
import { ANALYZERS } from '../../../src/core/rules/engine/analyzerRegistry';
import { parseTerraformFile } from '../../../src/core/format/terraform/terraformFile';
import { FILE_KINDS, NO_WORKSPACE_FACTS } from '../../../src/core/rules/types';
import type { AnalyzerOptions, FileAnalysis, FileKind, WorkspaceFacts } from '../../../src/core/rules/types';
import type { RuleFixture } from '../../../scripts/ruleFixtures';

/**
 * Every file of a kind Stage Guide reads under test/fixtures/ (the rule fixtures, the workspaces, the evidence
 * fixtures) and examples/, analysed: a rule fixture by the kind its folder names, any other file by its name and
 * content, with no workspace facts; a Dockerfile a second time in a workspace that deploys with Kubernetes (its
 * HEALTHCHECK hover has a note there). Keyed by the path from the repository's root; each file is analysed only
 * when the caller asks for the next.
 */
const ROOT = join(__dirname, '..', '..', '..');
const UNDER_KUBERNETES: WorkspaceFacts = { ...NO_WORKSPACE_FACTS, deploysWithKubernetes: true };

function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

export function* fixtureAnalyses(): Generator<{ key: string; analysis: FileAnalysis }> {
  for (const path of [...filesUnder('test/fixtures'), ...filesUnder('examples')]) {
    if (path.endsWith('.fixed') || path.endsWith('.md')) continue;
    const [, , folder, kindFolder] = path.split('/');
    const ruleKind = folder === 'rules' ? FILE_KINDS.find((kind) => kind === kindFolder) : undefined;
    if (folder === 'rules' && !ruleKind) continue;
    const text = readFileSync(join(ROOT, path), 'utf8');
    const analyse = (facts: WorkspaceFacts) =>
      ruleKind ? ANALYZERS[ruleKind].analyze(text, facts, `/${path}`) : analyzeFile(`/${path}`, text, facts);
    const alone = analyse(NO_WORKSPACE_FACTS);
    if (!alone) continue;
    yield { key: path, analysis: alone };
    if (alone.kind === 'dockerfile') yield { key: `${path} (deploys with Kubernetes)`, analysis: analyse(UNDER_KUBERNETES)! };
  }
}

/**
 * A rule fixture's file (with `text`, the fixture's own or a fixed one) analysed as its kind, as the rule tester does.
 * A Terraform file is judged under its path in a workspace rooted at /repo, with the other files of its module (the
 * fixture's folder) as workspace facts.
 */
export function analyzeRuleFixture(kind: FileKind, fixture: RuleFixture, text: string, options?: AnalyzerOptions): FileAnalysis {
  if (kind !== 'terraform' || fixture.analyzedPath === undefined)
    return ANALYZERS[kind].analyze(text, NO_WORKSPACE_FACTS, undefined, options);
  const files = [{ analyzedPath: fixture.analyzedPath, text }, ...(fixture.moduleFiles ?? [])];
  const facts: WorkspaceFacts = {
    ...NO_WORKSPACE_FACTS,
    terraform: {
      files: files.map((file) => parseTerraformFile(file.analyzedPath, file.text)),
      root: '/repo',
      lockFiles: fixture.lockFiles ?? [],
    },
  };
  return ANALYZERS[kind].analyze(text, facts, fixture.analyzedPath, options);
}
