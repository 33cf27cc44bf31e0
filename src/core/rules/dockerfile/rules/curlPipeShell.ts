import type { RawFinding } from '../../types';
import { findRemoteScriptExecution } from '../../ci/shellCommands';
import { defineRule } from '../../engine/ruleModule';

/**
 * docker/curl-pipe-shell: a RUN that downloads a script and runs it straight
 * in a shell (`curl … | sh`, `bash <(curl …)`, `sh -c "$(wget -O- …)"`). The
 * same reading as the CI rules (gha/curl-pipe-shell, gitlab/curl-pipe-shell),
 * on the RUN's own tokens, so Dockerfile escapes, continuation lines and
 * heredocs are the tokenizer's. Every stage counts: a builder stage that runs
 * a tampered installer builds the artefacts the final stage copies.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/curl-pipe-shell',
  detect(model) {
    const findings: RawFinding[] = [];
    for (const script of model.runs) {
      const range = script.instruction.getRange();
      const start = model.mapper.offset(range.start);
      const text = model.text.slice(start, model.mapper.offset(range.end));
      for (const match of findRemoteScriptExecution(text, script.commands, start)) {
        findings.push({
          ruleId: this.ruleId,
          range: model.mapper.range(start + match.index, start + match.index + match.text.length),
          message:
            'The build runs a script straight from the network: whoever controls that URL (or its CDN, or a stolen domain) runs code in your image. Download it to a file, check its SHA-256, then run it.',
        });
      }
    }
    return findings;
  },
});
