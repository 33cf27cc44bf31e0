import type { Instruction } from 'dockerfile-ast';
import type { RuleAnchor } from '../engine/ruleAnchors';
import { toRange } from './model';
import type { DockerfileModel } from './model';
import type { RunScript } from './runScripts';
import { programName } from '../../format/shell/shellCommands';

/**
 * The places of a Dockerfile that several rules anchor their hovers on (rule modules' `anchors`): the whole
 * instruction, so the hover shows anywhere on it, continuation lines included.
 */
export function instructionAnchor(instruction: Instruction, note?: string): RuleAnchor {
  return { range: toRange(instruction.getRange()), ...(note ? { note } : {}) };
}

/** Every instruction with one of these keywords, in every stage. */
export function keywordAnchors(model: DockerfileModel, ...keywords: string[]): RuleAnchor[] {
  return model.dockerfile
    .getInstructions()
    .filter((instruction) => keywords.includes(instruction.getKeyword()))
    .map((instruction) => instructionAnchor(instruction));
}

/** Every stage's FROM. */
export function fromAnchors(model: DockerfileModel): RuleAnchor[] {
  return model.stages.map((stage) => instructionAnchor(stage.from));
}

/** Every RUN whose script the rule reads (`does` says which). */
export function runAnchors(model: DockerfileModel, does: (script: RunScript) => boolean): RuleAnchor[] {
  return model.runs.filter(does).map((script) => instructionAnchor(script.instruction));
}

/** True when one of the script's commands runs one of these programs (`apt-get`, `apk`). */
export function runsProgram(script: RunScript, matches: (program: string) => boolean): boolean {
  return script.commands.some((command) => {
    const program = programName(command);
    return program !== undefined && matches(program);
  });
}
