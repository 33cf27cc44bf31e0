import type { Instruction } from 'dockerfile-ast';
import type { RawFinding, RuleFix } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { replaceRange } from '../edits';
import { finalChainInstructions, toRange } from '../model';
import type { DockerfileModel } from '../model';
import { isExecForm } from '../runScripts';
import { scanShell } from '../../../format/shell/shellScanner';

/** A word that means the same in a shell and in a JSON array: no quotes, variables, globs or operators. */
const SIMPLE_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

/**
 * docker/exec-form-cmd: the CMD/ENTRYPOINT that the shipped image uses is in
 * shell form, so `/bin/sh -c` is PID 1 and the application never receives
 * SIGTERM: no graceful shutdown, a 10 s kill instead. `CMD exec app` (the shell
 * replaces itself) is fine.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/exec-form-cmd',
  detect(model) {
    const findings: RawFinding[] = [];
    const chain = finalChainInstructions(model);
    for (const keyword of ['ENTRYPOINT', 'CMD']) {
      const effective = chain.filter((instruction) => instruction.getKeyword() === keyword).pop();
      if (!effective || isExecForm(effective)) continue;
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
