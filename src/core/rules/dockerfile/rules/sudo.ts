import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { deleteWord } from '../edits';
import { runAnchors } from '../anchorPlaces';

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * docker/sudo: RUN already runs as the Dockerfile's current USER; `sudo` adds a
 * setuid binary and a privilege path to the image instead of a USER switch.
 * The fix drops a bare `sudo` (with options like `-u app` the intent is
 * another user: that needs a USER instruction, so no automatic fix).
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/sudo',
  anchors: (model) => runAnchors(model, (script) => script.commands.some((command) => command.words[0]?.value === 'sudo')),
  detect(model) {
    const findings: RawFinding[] = [];
    for (const script of model.runs) {
      for (const command of script.commands) {
        const first = command.words.findIndex((word) => !ASSIGNMENT.test(word.value));
        const sudo = command.words[first];
        if (!sudo || sudo.value !== 'sudo') continue;
        const next = command.words[first + 1];
        const finding: RawFinding = {
          ruleId: this.ruleId,
          range: model.mapper.range(sudo.start, sudo.end),
          message: '`sudo` in RUN: switch users with USER instead of shipping sudo in the image.',
        };
        if (next && !next.value.startsWith('-')) finding.fix = { title: 'Drop `sudo`', edits: [deleteWord(model, sudo.start, sudo.end)] };
        findings.push(finding);
      }
    }
    return findings;
  },
});
