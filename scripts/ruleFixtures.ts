import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { checksAll, expectMarkers } from './ruleFixtureMarkers';
import type { ExpectMarker, SpanOf } from './ruleFixtureMarkers';

/**
 * The rule fixtures of every file kind, read one way (the rule tester in
 * test/unit/rules/ruleFixtures.test.ts and the generated rule pages use them):
 * test/fixtures/rules/<kind>/<slug>/ holds one rule's fixtures (`bad-*` report
 * it, `good-*` do not, each `bad-*` with a `<name>.fixed` holding the file
 * after the rule's quick fixes when it has any); files directly under
 * test/fixtures/rules/<kind>/ may check several rules (their markers say which,
 * `# checks: all` makes them check every rule of the kind). See
 * test/fixtures/rules/README.md.
 */
export const FIXTURE_ROOT = join(__dirname, '..', 'test', 'fixtures', 'rules');

/** The id prefix of each kind's rules (`docker/non-root-user`). */
/** Terraform's dependency lock file: a fixture workspace holds it to say "committed" (see terraformPlacement). */
const TERRAFORM_LOCK_FILE = '.terraform.lock.hcl';

export const ID_PREFIX: Readonly<Record<string, string>> = {
  dockerfile: 'docker',
  compose: 'compose',
  kubernetes: 'k8s',
  'github-actions': 'gha',
  'gitlab-ci': 'gitlab',
  terraform: 'tf',
};

export interface RuleFixture {
  kind: string;
  /** Relative to the repository root, POSIX. */
  path: string;
  text: string;
  markers: ExpectMarker[];
  /** The rule its folder is named after, when it sits in one. */
  folderRule?: string;
  /** True for `# checks: all`. */
  checksAll: boolean;
  /** The expected text after the checked rules' quick fixes (`<name>.fixed`), when committed. */
  fixed?: string;
  fixedPath: string;
  /**
   * True below a subfolder of its rule's folder: a Terraform module of several files (`bad-*`/`good-*`
   * folders) or a layout the rule reads (`examples/complete/`). Rule pages show top-level files only.
   */
  nested: boolean;
  /** Terraform: the path the analyzer sees, `/repo/infra/<path in the rule's folder>` (folder names such as `examples/` matter). */
  analyzedPath?: string;
  /** Terraform: the other files of its module (a `bad-*`/`good-*` folder), judged together as Terraform reads them. */
  moduleFiles?: Array<{ analyzedPath: string; text: string }>;
  /** Terraform: the analysed paths of the `.terraform.lock.hcl` files of its workspace (its `bad-*`/`good-*` folder); present, never read. */
  lockFiles?: string[];
}

export function ruleFixtures(kind: string, repoRoot = join(FIXTURE_ROOT, '..', '..', '..')): RuleFixture[] {
  const root = join(repoRoot, 'test', 'fixtures', 'rules', kind);
  if (!existsSync(root)) return [];
  const fixtures: RuleFixture[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    // A Terraform lock file is part of a fixture's workspace (by its presence), not a fixture.
    if (!entry.isFile() || entry.name.endsWith('.fixed') || entry.name.endsWith('.md') || entry.name === TERRAFORM_LOCK_FILE) continue;
    const file = join(entry.parentPath, entry.name);
    const folder = relative(root, entry.parentPath);
    const text = readFileSync(file, 'utf8');
    const markers = expectMarkers(
      text,
      kind === 'dockerfile' ? dockerfileSpans(text) : (line) => ({ first: line, last: line }),
      kind !== 'dockerfile',
    );
    const [ruleFolder, ...below] = folder === '' ? [] : folder.split(/[\\/]/);
    const folderRule = ruleFolder === undefined ? undefined : `${ID_PREFIX[kind]}/${ruleFolder}`;
    const all = checksAll(text);
    // A file outside a rule's folder that neither marks nor declares what it checks belongs to another test.
    if (!folderRule && !all && markers.length === 0) continue;
    const fixedPath = `${file}.fixed`;
    fixtures.push({
      kind,
      path: relative(repoRoot, file).split('\\').join('/'),
      text,
      markers,
      folderRule,
      checksAll: all,
      fixed: existsSync(fixedPath) ? readFileSync(fixedPath, 'utf8') : undefined,
      fixedPath,
      nested: below.length > 0,
      ...(kind === 'terraform' && ruleFolder !== undefined ? terraformPlacement(root, ruleFolder, below, entry.name) : {}),
    });
  }
  return fixtures.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Where a Terraform fixture sits for the analyzer: under `/repo/infra/`, keeping the folders between its rule's
 * folder and itself; below a `bad-*`/`good-*` folder, with that folder's other files as its workspace (the files
 * beside it are its module; subfolders are other modules, for the rules that look across the workspace).
 */
function terraformPlacement(
  root: string,
  ruleFolder: string,
  below: string[],
  name: string,
): Pick<RuleFixture, 'analyzedPath' | 'moduleFiles' | 'lockFiles'> {
  const at = (folders: readonly string[], file: string) => `/repo/infra/${[...folders, file].join('/')}`;
  const top = below.findIndex((segment) => /^(?:bad|good)-/.test(segment));
  if (top < 0) return { analyzedPath: at(below, name), lockFiles: [] };
  const self = join(root, ruleFolder, ...below, name);
  const others: Array<{ analyzedPath: string; text: string }> = [];
  const lockFiles: string[] = [];
  const workspace = join(root, ruleFolder, ...below.slice(0, top + 1));
  for (const other of readdirSync(workspace, { withFileTypes: true, recursive: true })) {
    const path = join(other.parentPath, other.name);
    if (!other.isFile() || path === self || other.name.endsWith('.fixed')) continue;
    const folders = relative(join(root, ruleFolder), other.parentPath).split(/[\\/]/);
    if (other.name === TERRAFORM_LOCK_FILE) {
      lockFiles.push(at(folders, other.name));
      continue;
    }
    others.push({ analyzedPath: at(folders, other.name), text: readFileSync(path, 'utf8') });
  }
  return {
    analyzedPath: at(below, name),
    moduleFiles: others.sort((a, b) => (a.analyzedPath < b.analyzedPath ? -1 : 1)),
    lockFiles: lockFiles.sort(),
  };
}

/** The rules a fixture checks (its findings of them must be exactly its markers), given every rule id of its kind. */
export function checkedRules(fixture: RuleFixture, kindRuleIds: readonly string[]): string[] {
  if (fixture.checksAll) return [...kindRuleIds];
  return [...new Set([...(fixture.folderRule ? [fixture.folderRule] : []), ...fixture.markers.map((marker) => marker.ruleId)])];
}

/** A Dockerfile's marker names the whole instruction its next line belongs to (a RUN's continuation lines included). */
function dockerfileSpans(text: string): SpanOf {
  const instructions = DockerfileParser.parse(text).getInstructions();
  return (line) => {
    const instruction = instructions.find((candidate) => candidate.getRange().start.line <= line && line <= candidate.getRange().end.line);
    return instruction ? { first: instruction.getRange().start.line, last: instruction.getRange().end.line } : { first: line, last: line };
  };
}
