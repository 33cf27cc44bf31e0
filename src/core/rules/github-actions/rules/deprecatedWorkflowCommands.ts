import { Scalar } from 'yaml';
import type { RawFinding, RuleFix } from '../../types';
import { findingAt } from '../../ci/findings';
import { programArguments, programName, scriptCommands } from '../../../format/shell/shellCommands';
import type { ShellWord } from '../../../format/shell/shellScanner';
import type { Workflow } from '../workflow';
import { runSteps } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { workflowAnchors } from '../anchorPlaces';

const RULE_ID = 'gha/deprecated-workflow-commands';

/** Each deprecated command, the file that replaced it, and whether it carries a `name=` parameter. */
const COMMANDS: Readonly<Record<string, { file: string; named: boolean }>> = {
  'set-output': { file: 'GITHUB_OUTPUT', named: true },
  'save-state': { file: 'GITHUB_STATE', named: true },
  'set-env': { file: 'GITHUB_ENV', named: true },
  'add-path': { file: 'GITHUB_PATH', named: false },
};

/**
 * gha/deprecated-workflow-commands: a `run:` script prints `::set-output`,
 * `::save-state`, `::set-env` or `::add-path`. GitHub deprecated them in 2022
 * because anything printed to the log — a test name, a file's content, an
 * issue title — could issue them; `set-env` and `add-path` are disabled
 * outright. Read from the tokenized script: an `echo` (or `printf`) whose
 * argument starts with `::<command>`.
 */
export function detectDeprecatedWorkflowCommands(workflow: Workflow): RawFinding[] {
  const { file } = workflow;
  const findings: RawFinding[] = [];
  for (const { run } of runSteps(workflow)) {
    if (!run.range) continue;
    const source = file.text.slice(run.range[0], run.range[1]);
    for (const command of scriptCommands(source)) {
      const program = programName(command);
      if (program !== 'echo' && program !== 'printf') continue;
      const args = programArguments(command).filter((word) => !(program === 'echo' && /^-[neE]+$/.test(word.value)));
      const word = args[0];
      const name = word ? commandName(word.value) : undefined;
      if (!word || name === undefined) continue;
      const replacement = COMMANDS[name];
      const message = `\`::${name}\` is deprecated${name === 'set-env' || name === 'add-path' ? ' and disabled' : ''}: anything the step prints can issue it. Write to \`$${replacement.file}\` instead.`;
      const fix = args.length === 1 && program === 'echo' ? fileCommandFix(workflow, run, source, word, name) : undefined;
      findings.push(findingAt(file, RULE_ID, run.range[0] + word.start, word.end - word.start, message, fix));
    }
  }
  return findings;
}

function commandName(value: string): string | undefined {
  if (!value.startsWith('::')) return undefined;
  const rest = value.slice(2);
  return Object.keys(COMMANDS).find((name) => rest === name || rest.startsWith(`${name} `) || rest.startsWith(`${name}::`));
}

/**
 * `echo "::set-output name=version::$VERSION"` → `echo "version=$VERSION" >> "$GITHUB_OUTPUT"`:
 * one edit of the word, when the word ends its line and the script is a plain
 * or literal block scalar (its source is the script).
 */
function fileCommandFix(workflow: Workflow, run: Scalar, source: string, word: ShellWord, name: string): RuleFix | undefined {
  if (run.type !== Scalar.PLAIN && run.type !== Scalar.BLOCK_LITERAL) return undefined;
  const lineEnd = source.indexOf('\n', word.end);
  if (source.slice(word.end, lineEnd < 0 ? source.length : lineEnd).trim() !== '') return undefined;
  const text = source.slice(word.start, word.end);
  const quote = text[0] === '"' || text[0] === "'" ? text[0] : '';
  if (quote && text[text.length - 1] !== quote) return undefined;
  const inner = quote ? text.slice(1, -1) : text;
  const prefix = `::${name}`;
  if (!inner.startsWith(prefix)) return undefined;
  const { file, named } = COMMANDS[name];
  let content: string;
  if (named) {
    const parameters = /^ name=([A-Za-z_][\w-]*)::/.exec(inner.slice(prefix.length));
    if (!parameters) return undefined;
    content = `${parameters[1]}=${inner.slice(prefix.length + parameters[0].length)}`;
  } else {
    if (!inner.startsWith(`${prefix}::`)) return undefined;
    content = inner.slice(prefix.length + 2);
  }
  const offset = run.range![0];
  return {
    title: `Write to \`$${file}\``,
    edits: [
      {
        range: workflow.file.mapper.range(offset + word.start, offset + word.end),
        newText: `${quote}${content}${quote} >> "$${file}"`,
      },
    ],
  };
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/deprecated-workflow-commands',
  anchors: (workflow) => workflowAnchors(workflow, 'step.run'),
  detect: detectDeprecatedWorkflowCommands,
});
