import type { Instruction } from 'dockerfile-ast';
import type { RawFinding, RuleFix } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { replaceRange } from '../edits';
import { finalChainInstructions, toRange } from '../model';
import type { DockerfileModel } from '../model';
import { isExecForm } from '../runScripts';
import { scanShell } from '../../../format/shell/shellScanner';
import { programName, scriptCommands } from '../../../format/shell/shellCommands';
import { keywordAnchors } from '../anchorPlaces';

/** A word that means the same in a shell and in a JSON array: no quotes, variables, globs or operators. */
const SIMPLE_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

/**
 * docker/exec-form-cmd: the CMD/ENTRYPOINT that the shipped image uses is in
 * shell form, so `/bin/sh -c` is PID 1 and the application never receives
 * SIGTERM: no graceful shutdown, a 10 s kill instead. `CMD exec app` (the shell
 * replaces itself) is fine. The exec form `["sh", "-c", "migrate && node server.js"]`
 * has the same problem when the script runs several commands and the last one
 * does not start with `exec` (a lone command is exec'd by the shell itself).
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/exec-form-cmd',
  anchors: (model) => keywordAnchors(model, 'CMD', 'ENTRYPOINT'),
  detect(model) {
    const findings: RawFinding[] = [];
    const chain = finalChainInstructions(model);
    for (const keyword of ['ENTRYPOINT', 'CMD']) {
      const effective = chain.filter((instruction) => instruction.getKeyword() === keyword).pop();
      if (!effective) continue;
      if (isExecForm(effective)) {
        const wrapped = shellWrapped(model, effective, keyword);
        if (wrapped) findings.push({ ruleId: this.ruleId, ...wrapped });
        continue;
      }
      const argsRange = effective.getArgumentsRange();
      if (!argsRange) continue;
      const words = effective.getArguments().map((argument) => argument.getValue());
      if (words.length === 0 || words[0] === 'exec') continue;
      const finding: RawFinding = {
        ruleId: this.ruleId,
        range: toRange(argsRange),
        message: `${keyword} in shell form runs under \`/bin/sh -c\`: the application is not PID 1 and never receives SIGTERM.`,
      };
      const fix = execFormFix(model, effective);
      if (fix) finding.fix = fix;
      findings.push(finding);
    }
    return findings;
  },
});

/** `CMD node server.js` → `CMD ["node", "server.js"]`, only when every word is simple. */
function execFormFix(model: DockerfileModel, instruction: Instruction): RuleFix | undefined {
  const argsRange = instruction.getArgumentsRange();
  if (!argsRange) return undefined;
  const start = model.mapper.offset(argsRange.start);
  const end = model.mapper.offset(argsRange.end);
  const scan = scanShell(model.text, start, end, { dockerfileEscape: model.escapeChar });
  if (scan.comments.length > 0 || scan.tokens.length === 0) return undefined;
  const values: string[] = [];
  for (const token of scan.tokens) {
    if (token.kind !== 'word' || !token.word.plain || !SIMPLE_WORD.test(token.word.value)) return undefined;
    values.push(token.word.value);
  }
  const json = `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
  return { title: `Use exec form: ${json}`, edits: [replaceRange(model, start, end, json)] };
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/**
 * `["sh", "-c", "a && b"]`: a shell that runs a list of commands stays PID 1 and does not forward
 * SIGTERM to the last one. Reported on the script string, with a fix that prefixes the last command
 * with `exec` when the JSON string holds the script verbatim (no escapes to map offsets through).
 */
function shellWrapped(model: DockerfileModel, instruction: Instruction, keyword: string): Omit<RawFinding, 'ruleId'> | undefined {
  const strings = (instruction as unknown as { getJSONStrings(): Array<{ getRange(): Parameters<typeof toRange>[0] }> }).getJSONStrings();
  // Decoded from the source text: dockerfile-ast's getJSONValue() drops the blanks inside a string.
  const values = strings.map((json) => jsonString(model, json.getRange()));
  const shell = values[0]?.slice(values[0].lastIndexOf('/') + 1);
  if (!shell || !SHELLS.has(shell) || !isCommandOption(values[1]) || values.length !== 3) return undefined;
  const script = values[2];
  if (script === undefined) return undefined;
  const commands = scriptCommands(script);
  const last = commands[commands.length - 1];
  if (commands.length < 2 || !last || programName(last) === 'exec' || last.words[0]?.value === 'exec') return undefined;
  const range = strings[2].getRange();
  const contentStart = model.mapper.offset(range.start) + 1;
  const verbatim = model.text.slice(contentStart, contentStart + script.length) === script;
  const insertAt = contentStart + last.words[0].start;
  return {
    range: toRange(range),
    message: `${keyword} runs \`${shell} -c\` with several commands: the shell stays PID 1 and does not pass SIGTERM on to \`${last.words[0].value}\`. Start the last command with \`exec\`.`,
    ...(verbatim
      ? { fix: { title: `Prefix \`${last.words[0].value}\` with \`exec\``, edits: [replaceRange(model, insertAt, insertAt, 'exec ')] } }
      : {}),
  };
}

/** The value of the JSON string at `range` (quotes included), or undefined when it is not valid JSON. */
function jsonString(model: DockerfileModel, range: Parameters<typeof toRange>[0]): string | undefined {
  const raw = model.text.slice(model.mapper.offset(range.start), model.mapper.offset(range.end));
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `-c`, `-ec`, `-euxc`: a cluster of short options that includes `c` (the script follows). */
function isCommandOption(value: string | undefined): boolean {
  return value !== undefined && /^-[a-z]+$/.test(value) && value.includes('c');
}
