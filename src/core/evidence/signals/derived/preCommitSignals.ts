import { lineOfOffset, runCommands } from '../../../ci/commandWords';
import { posixBasename } from '../../../fileSystem';
import { dataRegex } from '../../catalog/dataRegex';
import type { CiFact, CiJob, EvidenceFacts, SourceRef } from '../../facts';
import { child, expandLists, scalarText } from '../../parsers/locatedTree';
import type { TreeValue } from '../../parsers/locatedTree';
import { fileLineOf, jobParts, jobsForScope, runsOnlyWhenCalled } from '../ciScope';
import { holds } from '../observation';
import type { Observation } from '../observation';
import type { Derivation } from './context';

/** A hook of `.pre-commit-config.yaml`. */
interface Hook {
  id: string;
  /** A local hook's command. */
  entry?: string;
  /** The hook's `files:` pattern, as written (a Python regular expression: never compiled here). */
  files?: string;
  at: SourceRef;
}

const PRE_COMMIT_CONFIGS = ['.pre-commit-config.yaml', '.pre-commit-config.yml'];

/** The action runs `pre-commit run --all-files`. */
const PRE_COMMIT_ACTION = 'pre-commit/action';
const PRE_COMMIT_PROGRAMS = new Set(['pre-commit', 'pre_commit', 'prek']);
/** `pre-commit run` options that take a value. */
const VALUE_OPTIONS = new Set(['--hook-stage', '--from-ref', '--to-ref', '--source', '--origin', '-s', '-o', '--color', '--config', '-c']);

/**
 * ci.lint through pre-commit: a CI job runs `pre-commit run` (or the
 * pre-commit action), and the repository's `.pre-commit-config.yaml` has a
 * hook that lints or type-checks — one whose id (or, for a local hook, whose
 * command) is a linter the catalogue's ci.lint commands name: ruff, mypy,
 * eslint… A configuration of only whitespace and formatting hooks lints
 * nothing. A repository-level job that runs every hook on all files
 * (`--all-files`, the action) lints a nested service too, when the hook's
 * `files:` does not keep to other folders.
 */
export const preCommitSignals: Derivation = {
  signals: ['ci.lint'],
  documents: { basenames: PRE_COMMIT_CONFIGS },
  derive({ facts, catalog, scopeFolder }) {
    const patterns = (catalog.byId.get('ci.lint')?.match?.ci?.commands ?? []).map(dataRegex);
    const hooks = facts.structured
      .filter((document) => PRE_COMMIT_CONFIGS.includes(posixBasename(document.path)))
      .flatMap((document) => readHooks(document.path, document.root));
    const lintHooks = hooks.filter((hook) => isLintHook(hook, patterns));
    if (lintHooks.length === 0) return [];
    const observations: Observation[] = [];
    const scoped = new Set(jobsForScope(facts).map(({ job }) => job));
    for (const ci of facts.ci) {
      if (runsOnlyWhenCalled(ci)) continue;
      for (const job of ci.jobs) {
        const own = scoped.has(job);
        if (!own && !ci.inherited) continue;
        const run = preCommitRun(facts, ci, job);
        // A repository-level job names no service folder: it covers this one only when it runs on all files.
        if (!run || (!own && !run.allFiles)) continue;
        const ran = lintHooks.filter(
          (hook) => (run.hookIds.length === 0 || run.hookIds.includes(hook.id)) && (own || covers(hook, scopeFolder)),
        );
        if (ran.length === 0) continue;
        const ids = [...new Set(ran.map((hook) => hook.id))];
        observations.push(holds('ci.lint', run.at, `CI job ${job.name} runs pre-commit, whose hooks include ${ids.join(', ')}`));
      }
    }
    return observations;
  },
};

function readHooks(path: string, root: TreeValue): Hook[] {
  const hooks: Hook[] = [];
  for (const repo of expandLists(child(root, 'repos') ?? { kind: 'list', items: [], line: 0 })) {
    for (const hook of expandLists(child(repo, 'hooks') ?? { kind: 'list', items: [], line: 0 })) {
      const id = child(hook, 'id');
      const idText = scalarText(id);
      if (!id || !idText) continue;
      const entry = scalarText(child(hook, 'entry'));
      const files = scalarText(child(hook, 'files'));
      hooks.push({ id: idText, ...(entry ? { entry } : {}), ...(files ? { files } : {}), at: { path, line: id.line } });
    }
  }
  return hooks;
}

/** A hook that lints or type-checks: its id, or its local command, is a linter the catalogue names; formatters are not. */
function isLintHook(hook: Hook, patterns: readonly RegExp[]): boolean {
  const id = hook.id.toLowerCase();
  if (id.endsWith('format') || id.endsWith('-fmt') || id.endsWith('formatter')) return false;
  return patterns.some((pattern) => pattern.test(id) || (hook.entry !== undefined && pattern.test(hook.entry)));
}

/** A hook without `files:` runs on every folder; one with `files:` on the folders its pattern names. */
function covers(hook: Hook, scopeFolder: string): boolean {
  return hook.files === undefined || scopeFolder === '' || hook.files.includes(scopeFolder);
}

interface PreCommitRun {
  at: SourceRef;
  /** Hooks named on the command line (`pre-commit run mypy`); empty for all. */
  hookIds: string[];
  allFiles: boolean;
}

/** Where the job (or what it calls) runs pre-commit, and how. */
function preCommitRun(facts: EvidenceFacts, ci: CiFact, job: CiJob): PreCommitRun | undefined {
  for (const part of jobParts(facts, ci, job)) {
    for (const command of part.commands) {
      for (const run of runCommands(command.text)) {
        const found = preCommitWords(run.words);
        if (found) return { at: { path: part.path, line: fileLineOf(command, lineOfOffset(command.text, run.offset)) }, ...found };
      }
    }
    const action = part.actions.find((candidate) => candidate.uses.toLowerCase().startsWith(PRE_COMMIT_ACTION));
    if (action) return { at: { path: part.path, line: action.line }, hookIds: [], allFiles: true };
  }
  return undefined;
}

/** `pre-commit run --all-files`, `uvx pre-commit run mypy`, `python -m pre_commit run -a`. */
function preCommitWords(words: readonly string[]): Omit<PreCommitRun, 'at'> | undefined {
  const program = words.findIndex((word) => PRE_COMMIT_PROGRAMS.has(word.slice(word.lastIndexOf('/') + 1)));
  if (program < 0) return undefined;
  const rest = words.slice(program + 1);
  const subcommand = rest.findIndex((word) => !word.startsWith('-'));
  if (subcommand < 0 || rest[subcommand] !== 'run') return undefined;
  const hookIds: string[] = [];
  let allFiles = false;
  const args = rest.slice(subcommand + 1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--all-files' || arg === '-a') allFiles = true;
    else if (arg === '--files') break;
    else if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) hookIds.push(arg);
  }
  return { hookIds, allFiles };
}
