import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { insertAt } from '../edits';
import { apkAddCommands, finalImageRuns, mountsOver, removesPath } from '../packageManagers';
import { runAnchors, runsProgram } from '../anchorPlaces';

const APK_CACHE = '/var/cache/apk';

/**
 * docker/apk-no-cache: `apk add` without `--no-cache` in the shipped image
 * keeps the package index in the layer. Removing /var/cache/apk in the same
 * RUN, or a cache mount there, counts as clean.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/apk-no-cache',
  anchors: (model) => runAnchors(model, (script) => runsProgram(script, (program) => program === 'apk')),
  detect(model) {
    const findings: RawFinding[] = [];
    for (const script of finalImageRuns(model)) {
      if (removesPath(script, APK_CACHE) || mountsOver(script, APK_CACHE)) continue;
      for (const { command, action } of apkAddCommands(script)) {
        // `--no-network` installs from what is already on disk: apk fetches no index to keep.
        if (command.words.some((word) => word.value === '--no-cache' || word.value === '--no-network')) continue;
        findings.push({
          ruleId: this.ruleId,
          range: model.mapper.range(action.start, action.end),
          message: '`apk add` without `--no-cache` keeps the package index in the image.',
          fix: { title: 'Add --no-cache', edits: [insertAt(model, action.end, ' --no-cache')] },
        });
      }
    }
    return findings;
  },
});
