import type { CiCommand, CiJob } from '../facts';
import { expandLists, scalarText } from '../parsers/locatedTree';
import type { TreeValue } from '../parsers/locatedTree';
import { coversMainBranch } from './ciText';

/** When a job runs, in the terms every CI reader shares. */
export type Triggers = Pick<CiJob, 'onPush' | 'onPullRequest' | 'onMainPush' | 'onTags'>;

export const EVERY_PUSH: Triggers = { onPush: true, onPullRequest: true, onMainPush: true, onTags: false };
export const NO_EVENT: Triggers = { onPush: false, onPullRequest: false, onMainPush: false, onTags: false };

/** A job with no steps yet. */
export function emptyJob(name: string, line: number, triggers: Triggers, mentionedText: string): CiJob {
  return { name, line, commands: [], actions: [], services: [], ...triggers, mentionedText };
}

/** A script value that is one string or a list of strings (Travis `script:`, Bitbucket `script:`): one command per string. */
export function scriptCommandsOf(node: TreeValue | undefined): CiCommand[] {
  if (!node) return [];
  return expandLists(node).flatMap((item) => {
    const text = scalarText(item);
    return text ? [{ text, line: item.line }] : [];
  });
}

/** Scalars of a string-or-list value. */
export function namesOf(node: TreeValue | undefined): string[] {
  if (!node) return [];
  return expandLists(node).flatMap((item) => {
    const text = scalarText(item);
    return text === undefined ? [] : [text];
  });
}

/**
 * Branch filters as most CI systems write them: `only` (the job runs on
 * these branches) and `ignore`/`except` (on all but these). Pushes to the
 * main line count when the filter lets main or master through; pull
 * requests come from other branches, so an only-main filter stops them.
 */
export function branchFilter(only: string[] | undefined, ignored: string[]): Pick<Triggers, 'onPush' | 'onMainPush' | 'onPullRequest'> {
  const mainIgnored = ignored.some((branch) => isMainName(branch) || isMatchAll(branch));
  if (only !== undefined) {
    const onMain = (coversMainBranch(only) || only.some((branch) => isMainName(branch) || isMatchAll(branch))) && !mainIgnored;
    const others = only.some((branch) => !isMainName(branch));
    return { onPush: only.length > 0, onMainPush: onMain, onPullRequest: others };
  }
  const everything = ignored.some(isMatchAll);
  return { onPush: !everything, onMainPush: !mainIgnored, onPullRequest: !everything };
}

/** `main`, `master`, or a regular expression or glob written for them alone (`/^main$/`). */
export function isMainName(branch: string): boolean {
  const name = branch.trim().replace(/^refs\/heads\//, '');
  return ['main', 'master', '/^main$/', '/^master$/', '/main/', '/master/', '/^(main|master)$/', '/^(master|main)$/'].includes(name);
}

/** A pattern that matches every branch (`/.*\/`, `*`, `**`). */
export function isMatchAll(branch: string): boolean {
  return ['/.*/', '/^.*$/', '*', '**', '.*'].includes(branch.trim());
}

/** Runs on any event either runs on (a job listed in two workflows, a step shared by two pipelines). */
export function eitherTriggers(a: Triggers, b: Triggers): Triggers {
  return {
    onPush: a.onPush || b.onPush,
    onPullRequest: a.onPullRequest || b.onPullRequest,
    onMainPush: a.onMainPush || b.onMainPush,
    onTags: a.onTags || b.onTags,
  };
}
