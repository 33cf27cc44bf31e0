import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { insertAt } from '../edits';
import { aptCommands, finalImageRuns, installsWithApt } from '../packageManagers';
import type { RunScript } from '../runScripts';
import { programName } from '../../../format/shell/shellCommands';
import type { ShellWord } from '../../../format/shell/shellScanner';
import { runAnchors } from '../anchorPlaces';

const RECOMMENDS_SETTING = /Install-Recommends/i;
const RECOMMENDS_OFF = /Install-Recommends\W*(?:false|0|no)\b/i;

/**
 * docker/apt-no-install-recommends: `apt-get install` without
 * `--no-install-recommends` in the shipped image pulls in "recommended"
 * packages nobody asked for — often doubling the layer. `-o
 * APT::Install-Recommends=false` on the command, or an earlier RUN that writes
 * the setting to an apt.conf file, count as off.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/apt-no-install-recommends',
  anchors: (model) => runAnchors(model, installsWithApt),
  detect(model) {
    const runs = finalImageRuns(model);
    const findings: RawFinding[] = [];
    for (const script of runs) {
      // Once a RUN (this one or an earlier one) writes the setting, it holds for every later install.
      if (configuresApt(script)) break;
      for (const { command, action } of aptCommands(script, 'install')) {
        if (command.words.some((word) => word.value === '--no-install-recommends' || RECOMMENDS_OFF.test(word.value))) continue;
        findings.push({
          ruleId: this.ruleId,
          range: model.mapper.range(action.start, action.end),
          message: '`apt-get install` without `--no-install-recommends` also installs recommended packages the image does not need.',
          fix: { title: 'Add --no-install-recommends', edits: [insertAt(model, action.end, ' --no-install-recommends')] },
        });
      }
    }
    return findings;
  },
});

/**
 * An apt.conf setting written by a non-apt command (`echo 'APT::Install-Recommends "0";' > …`) in this RUN.
 * The loop above asks it of each RUN in order and stops at the first, so the
 * "this or an earlier RUN" test stays linear (it rescanned every earlier RUN
 * per RUN: 28k RUN lines took minutes).
 */
function configuresApt(run: RunScript): boolean {
  return run.commands.some((command) => {
    const name = programName(command);
    return name !== 'apt-get' && name !== 'apt' && command.words.some((word: ShellWord) => RECOMMENDS_SETTING.test(word.value));
  });
}
