import type { RawFinding } from '../../types';
import { findingAt } from '../../ci/findings';
import { programArguments, programIndex, programName, scriptCommands } from '../../../format/shell/shellCommands';
import type { ShellWord } from '../../../format/shell/shellScanner';
import { wordExpansions } from '../../../format/shell/shellExpansions';
import { everyScriptLine } from '../pipeline';
import type { Pipeline } from '../pipeline';
import { defineRule } from '../../engine/ruleModule';
import { pipelineAnchors } from '../anchorPlaces';

const RULE_ID = 'gitlab/untrusted-variable-in-eval';

/**
 * Predefined variables whose text the author of a merge request, a commit or a
 * branch chooses. (`CI_COMMIT_REF_SLUG` is reduced to `[a-z0-9-]` and is safe.)
 */
const UNTRUSTED = new Set([
  'CI_MERGE_REQUEST_TITLE',
  'CI_MERGE_REQUEST_DESCRIPTION',
  'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME',
  'CI_EXTERNAL_PULL_REQUEST_SOURCE_BRANCH_NAME',
  'CI_COMMIT_MESSAGE',
  'CI_COMMIT_TITLE',
  'CI_COMMIT_DESCRIPTION',
  'CI_COMMIT_TAG_MESSAGE',
  'CI_COMMIT_AUTHOR',
  'CI_COMMIT_BRANCH',
  'CI_COMMIT_REF_NAME',
]);

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash']);

/** Interpreters and the flags after which the next argument is a program in their language. */
const INTERPRETERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['python', new Set(['-c'])],
  ['python3', new Set(['-c'])],
  ['node', new Set(['-e', '--eval', '-p', '--print'])],
  ['perl', new Set(['-e', '-E'])],
  ['ruby', new Set(['-e'])],
  ['php', new Set(['-r'])],
]);

/**
 * gitlab/untrusted-variable-in-eval: a script expands `$CI_MERGE_REQUEST_TITLE`,
 * `$CI_COMMIT_MESSAGE`, a branch name… into a string that is parsed again as
 * code — `eval "…"`, `sh -c "…"`, the remote command of `ssh host "…"`, or the
 * program of an interpreter (`python3 -c "…"`, `node -e "…"`, `perl -e`, `ruby -e`, `php -r`).
 * The outer shell substitutes the text first, so `$(…)` or `;` in a title runs.
 * Plain expansions (`echo "$CI_COMMIT_MESSAGE"`) are data and not reported, nor
 * are expansions in single quotes (the inner shell expands them, as data).
 */
export function detectUntrustedVariablesInEval(pipeline: Pipeline): RawFinding[] {
  const { file } = pipeline;
  const findings: RawFinding[] = [];
  for (const line of everyScriptLine(pipeline)) {
    if (!line.range) continue;
    const source = file.text.slice(line.range[0], line.range[1]);
    for (const command of scriptCommands(source)) {
      for (const { word, runner, interpreter } of reparsedWords(command.words)) {
        for (const expansion of wordExpansions(source.slice(word.start, word.end))) {
          if (!UNTRUSTED.has(expansion.name)) continue;
          const length = source.startsWith('${', word.start + expansion.index) ? expansion.name.length + 3 : expansion.name.length + 1;
          const message = `\`$${expansion.name}\` is substituted into a command string that ${runner} parses as code: ${interpreter ? 'a title or branch name that closes the quote runs its own code in the job' : 'a title or branch name containing `$(…)` or `;` runs in the job'}.`;
          findings.push(findingAt(file, RULE_ID, line.range[0] + word.start + expansion.index, length, message));
        }
      }
    }
  }
  return findings;
}

/** The words of a command that a shell parses again, with what parses them. */
function reparsedWords(words: ShellWord[]): Array<{ word: ShellWord; runner: string; interpreter?: boolean }> {
  const program = programName({ words });
  const args = programArguments({ words });
  if (program === 'eval') return args.map((word) => ({ word, runner: '`eval`' }));
  if (program === 'ssh') {
    const host = args.findIndex((word, i) => !word.value.startsWith('-') && !/^-[ioplFJW]$/.test(args[i - 1]?.value ?? ''));
    return host < 0 ? [] : args.slice(host + 1).map((word) => ({ word, runner: 'the remote shell' }));
  }
  // `sh -c "…"`, also after a wrapper (`docker exec app sh -c "…"`, `xargs bash -c "…"`).
  const start = Math.max(programIndex(words), 0);
  for (let i = start; i < words.length - 2; i++) {
    const name = words[i].value.slice(words[i].value.lastIndexOf('/') + 1);
    const flag = words[i + 1].value;
    if (SHELLS.has(name) && /^-[a-z]+$/.test(flag) && flag.includes('c')) return [{ word: words[i + 2], runner: `\`${name} -c\`` }];
    // `python3 -c "print('$CI_COMMIT_TITLE')"`: the title becomes Python (or JavaScript, Perl…) source.
    if (INTERPRETERS.get(name)?.has(flag)) return [{ word: words[i + 2], runner: `\`${name} ${flag}\``, interpreter: true }];
  }
  return [];
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/untrusted-variable-in-eval',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'job.script'),
  detect: detectUntrustedVariablesInEval,
});
