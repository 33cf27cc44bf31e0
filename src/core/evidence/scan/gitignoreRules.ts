import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { posixRelative } from '../../fileSystem';

/** The `.gitignore` files that apply to a folder, shallowest first, each with the folder it sits in. */
export interface GitignoreLevel {
  dir: string;
  /** Path of the `.gitignore` (for evidence: "ignored by .gitignore:3"). */
  file: string;
  rules: Ignore;
  /** Source lines, to name the line of the rule that decided. */
  lines: string[];
}

export function gitignoreLevel(dir: string, file: string, text: string): GitignoreLevel {
  const lines = text.split(/\r?\n/);
  return { dir, file, rules: ignore({ allowRelativePaths: true }).add(text), lines };
}

/**
 * The level with its rules compiled afresh. `ignore` remembers its verdict on every path it was asked about (and on
 * each of its folders), so the levels a walk consulted hold every path of the walk; a walk's result, which the
 * editor's scan cache keeps for rescans, hands these back instead (at 100,000 files the caches of the services'
 * root levels were 7 MB of the scan worker's heap).
 */
export function withoutRememberedVerdicts(level: GitignoreLevel): GitignoreLevel {
  return gitignoreLevel(level.dir, level.file, level.lines.join('\n'));
}

export interface IgnoreVerdict {
  ignored: boolean;
  /** The `.gitignore` line that decided (zero-based), when a rule did. */
  by?: { file: string; line: number };
}

/**
 * Git's answer for an absolute path (a folder when `isDirectory`): every level
 * from the top is consulted and a deeper level's match (or negation) wins,
 * as in git. Callers never ask about files inside an ignored folder: the
 * walk does not descend into one, which is also git's rule.
 */
export function gitignoreVerdict(levels: readonly GitignoreLevel[], path: string, isDirectory: boolean): IgnoreVerdict {
  let verdict: IgnoreVerdict = { ignored: false };
  for (const level of levels) {
    const relative = posixRelative(level.dir, path);
    if (relative === undefined || relative === '') continue;
    const result = level.rules.test(isDirectory ? `${relative}/` : relative);
    if (result.ignored) verdict = { ignored: true, by: ruleLocation(level, result.rule?.pattern) };
    else if (result.unignored) verdict = { ignored: false };
  }
  return verdict;
}

function ruleLocation(level: GitignoreLevel, pattern: string | undefined): { file: string; line: number } | undefined {
  if (pattern === undefined) return undefined;
  const line = level.lines.findIndex((text) => text.trim() === pattern.trim());
  return { file: level.file, line: Math.max(0, line) };
}
