import type { RawFinding, RuleFix } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { insertAt } from '../edits';
import type { DockerfileModel } from '../model';
import { aptCommands, finalImageRuns, installsWithApt, mountsOver, removesPath } from '../packageManagers';
import type { RunScript } from '../runScripts';
import { runAnchors } from '../anchorPlaces';

const APT_LISTS = '/var/lib/apt/lists';
export const APT_LISTS_CLEANUP = ` && rm -rf ${APT_LISTS}/*`;

/**
 * docker/apt-lists-cleanup: a RUN in the shipped image runs `apt-get update`
 * but does not remove `/var/lib/apt/lists` in the same RUN (`rm -rf`, or `apt-get dist-clean`), so tens of MB of
 * package indexes stay in the layer (a later RUN cannot shrink an earlier layer).
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/apt-lists-cleanup',
  anchors: (model) => runAnchors(model, installsWithApt),
  detect(model) {
    const findings: RawFinding[] = [];
    for (const script of finalImageRuns(model)) {
      const update = aptCommands(script, 'update')[0];
      if (!update || removesPath(script, APT_LISTS) || mountsOver(script, APT_LISTS)) continue;
      // `apt-get dist-clean` (apt 2.7+, Debian 13 and Ubuntu 24.04 on) removes the package lists with the cache.
      if (aptCommands(script, 'dist-clean').length > 0) continue;
      const finding: RawFinding = {
        ruleId: this.ruleId,
        range: model.mapper.range(update.program.start, update.program.end),
        message: `\`apt-get update\` leaves its package lists in this layer: remove ${APT_LISTS} in the same RUN.`,
      };
      const fix = appendCleanup(model, script);
      if (fix) finding.fix = fix;
      findings.push(finding);
    }
    return findings;
  },
});

/** Appends `&& rm -rf /var/lib/apt/lists/*` after the RUN's last command (not for heredoc bodies). */
function appendCleanup(model: DockerfileModel, script: RunScript): RuleFix | undefined {
  if (script.heredoc) return undefined;
  let index = script.tokens.length - 1;
  while (index >= 0) {
    const token = script.tokens[index];
    if (token.kind === 'op' && (token.operator.op === ';' || token.operator.op === '\n')) index--;
    else break;
  }
  const last = script.tokens[index];
  if (!last) return undefined;
  let end: number;
  if (last.kind === 'word') end = last.word.end;
  else if (last.operator.op === ')') end = last.operator.end;
  else return undefined;
  // A trailing shell comment would swallow the appended command.
  if (script.comments.some((comment) => comment.start >= end)) return undefined;
  return { title: `Append \`${APT_LISTS_CLEANUP.trim()}\``, edits: [insertAt(model, end, APT_LISTS_CLEANUP)] };
}
