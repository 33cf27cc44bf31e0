// The lines a pull request changes, so annotations land on the diff a reviewer reads. Known
// only when the event is a pull request and both commits are in the checkout (actions/checkout
// with `fetch-depth: 0`); otherwise undefined, and every due finding is annotated.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Changed (added or modified) line numbers per file, paths relative to the repository root. */
export type ChangedLines = Map<string, Set<number>>;

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** A diff of a huge pull request is not worth the memory: annotate everything instead. */
const MAX_DIFF_BYTES = 64 * 1024 * 1024;

export interface PullRequestDiff {
  changed?: ChangedLines;
  /** Why the changed lines are unknown (shown in the log), when they are. */
  reason?: string;
}

export function pullRequestChangedLines(env: NodeJS.ProcessEnv, workspace: string): PullRequestDiff {
  if (!PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '')) return {};
  let base: string | undefined;
  let head: string | undefined;
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as {
      pull_request?: { base?: { sha?: string }; head?: { sha?: string } };
    };
    base = event.pull_request?.base?.sha;
    head = event.pull_request?.head?.sha;
  } catch (error) {
    return { reason: `the event payload is unreadable (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isSha(base) || !isSha(head)) return { reason: 'the event payload names no base and head commits' };
  const diff = spawnSync('git', ['diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-renames', `${base}...${head}`], {
    cwd: workspace,
    encoding: 'utf8',
    maxBuffer: MAX_DIFF_BYTES,
  });
  if (diff.status !== 0)
    return {
      reason: `git diff ${base.slice(0, 7)}...${head.slice(0, 7)} failed (check out with fetch-depth: 0): ${(diff.stderr || diff.error?.message || '').trim()}`,
    };
  return { changed: parseUnifiedDiff(diff.stdout) };
}

function isSha(value: string | undefined): value is string {
  return typeof value === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(value);
}

/** The new-side line numbers of every hunk in a `--unified=0` diff. */
export function parseUnifiedDiff(diff: string): ChangedLines {
  const changed: ChangedLines = new Map();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4);
      current = undefined;
      if (target === '/dev/null') continue;
      const path = unquote(target).replace(/^b\//, '');
      current = changed.get(path) ?? new Set<number>();
      changed.set(path, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let offset = 0; offset < count; offset++) current.add(start + offset);
    }
  }
  return changed;
}

/** git quotes paths with unusual characters as a C string: `"b/caf\303\251.yml"`. */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[++i];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(({ n: 10, t: 9, '"': 34, '\\': 92 } as Record<string, number>)[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** True when the annotation's lines touch a changed line of its file. */
export function touchesChange(changed: ChangedLines, file: string, line: number, endLine: number): boolean {
  const lines = changed.get(file);
  if (!lines) return false;
  for (let current = line; current <= endLine; current++) if (lines.has(current)) return true;
  return false;
}
