import type { Instruction, Shell } from 'dockerfile-ast';
import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import type { BuildStage, DockerfileModel } from '../model';
import { isExecForm } from '../runScripts';
import type { RunScript } from '../runScripts';
import { pipeOperators, programArguments, programName } from '../../../format/shell/shellCommands';
import { runAnchors } from '../anchorPlaces';
import { findRemoteScriptExecution } from '../../ci/shellCommands';

/** Shells whose pipes follow POSIX rules; with any other SHELL (PowerShell, cmd) the rule says nothing. */
const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/**
 * docker/pipefail: a RUN with `|` whose shell does not use `pipefail`. Only
 * the last command's exit status counts, so `curl … | tar x` succeeds when the
 * download fails and the build ships a broken image. Satisfied by
 * `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (in the stage or one it builds
 * on) or `set -o pipefail` before the pipe.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/pipefail',
  anchors: (model) => runAnchors(model, (script) => pipeOperators(script.tokens).length > 0),
  detect(model) {
    const findings: RawFinding[] = [];
    const shells = shellAtEachRun(model);
    for (const script of model.runs) {
      const pipe = pipeOperators(script.tokens).find((each) => !feedsDownloadToShell(model, script, each.start));
      if (!pipe) continue;
      const shell = shells.get(script.instruction) ?? 'plain';
      if (shell === 'non-posix' || shell === 'pipefail') continue;
      if (setsPipefailBefore(script, pipe.start)) continue;
      findings.push({
        ruleId: this.ruleId,
        range: model.mapper.range(pipe.start, pipe.end),
        message: 'This pipe hides failures: without `pipefail` the RUN succeeds whenever the last command does.',
      });
    }
    return findings;
  },
});

/**
 * True when the pipe at `offset` feeds a download straight into a shell (`curl … | sh`): docker/curl-pipe-shell
 * reports it, and its fix (download to a file, check it, run it) removes the pipe, so it is one root cause.
 */
function feedsDownloadToShell(model: DockerfileModel, script: RunScript, offset: number): boolean {
  const range = script.instruction.getRange();
  const start = model.mapper.offset(range.start);
  const text = model.text.slice(start, model.mapper.offset(range.end));
  return findRemoteScriptExecution(text, script.commands, start).some(
    (match) => start + match.index <= offset && offset < start + match.index + match.text.length,
  );
}

type ShellState = 'pipefail' | 'plain' | 'non-posix';

/**
 * The SHELL in force at every RUN, in one pass: a stage starts with the shell
 * its parent stage ended with (an image from a registry starts with /bin/sh),
 * and each SHELL instruction replaces it.
 */
function shellAtEachRun(model: DockerfileModel): Map<Instruction, ShellState> {
  const atRun = new Map<Instruction, ShellState>();
  const atEnd = new Map<BuildStage, ShellState>();
  for (const stage of model.stages) {
    let current: ShellState = (stage.parent && atEnd.get(stage.parent)) ?? 'plain';
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword === 'SHELL') current = shellState(instruction as Shell);
      else if (keyword === 'RUN') atRun.set(instruction, current);
    }
    atEnd.set(stage, current);
  }
  return atRun;
}

function shellState(shell: Shell): ShellState {
  if (!isExecForm(shell)) return 'plain';
  const args = shell.getJSONStrings().map((json) => json.getJSONValue());
  const program =
    (args[0] ?? '')
      .split(/[\\/]/)
      .pop()
      ?.toLowerCase()
      .replace(/\.exe$/, '') ?? '';
  if (!POSIX_SHELLS.has(program)) return 'non-posix';
  return enablesPipefail(args.slice(1)) ? 'pipefail' : 'plain';
}

/** `-o pipefail`, `-eo pipefail`, `-euxo pipefail`, `-o errexit -o pipefail`. */
function enablesPipefail(options: readonly string[]): boolean {
  return options.some((option, index) => option === 'pipefail' && index > 0 && /^-[a-z]*o$/.test(options[index - 1]));
}

function setsPipefailBefore(script: RunScript, offset: number): boolean {
  return script.commands.some((command) => {
    if (programName(command) !== 'set' || command.words[0].start > offset) return false;
    return enablesPipefail(programArguments(command).map((word) => word.value));
  });
}
