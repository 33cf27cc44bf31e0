import type { RawFinding } from '../../types';
import type { DockerfileDetector } from '../detector';
import { insertAt } from '../edits';
import { aptCommands, finalImageRuns } from '../packageManagers';
import type { RunScript } from '../runScripts';
import { programName } from '../shell/shellCommands';
import type { ShellWord } from '../shell/shellScanner';

const RECOMMENDS_SETTING = /Install-Recommends/i;
const RECOMMENDS_OFF = /Install-Recommends\W*(?:false|0|no)\b/i;

/**
 * docker/apt-no-install-recommends: `apt-get install` without
 * `--no-install-recommends` in the shipped image pulls in "recommended"
 * packages nobody asked for — often doubling the layer. `-o
 * APT::Install-Recommends=false` on the command, or an earlier RUN that writes
 * the setting to an apt.conf file, count as off.
 */
export const aptNoInstallRecommendsDetector: DockerfileDetector = {
  ruleId: 'docker/apt-no-install-recommends',
  detect(model) {
    const runs = finalImageRuns(model);
    const findings: RawFinding[] = [];
    for (const script of runs) {
      if (configuresAptBefore(runs, script)) break;
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
};

/** An apt.conf setting written by a non-apt command (`echo 'APT::Install-Recommends "0";' > …`) in this or an earlier RUN. */
function configuresAptBefore(runs: readonly RunScript[], script: RunScript): boolean {
  return runs.slice(0, runs.indexOf(script) + 1).some((run) =>
    run.commands.some((command) => {
      const name = programName(command);
      return name !== 'apt-get' && name !== 'apt' && command.words.some((word: ShellWord) => RECOMMENDS_SETTING.test(word.value));
    }),
  );
}
