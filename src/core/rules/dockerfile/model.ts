import { takeDockerfileParse } from '../../format/dockerfileParse';
import type { Dockerfile, From, Instruction } from 'dockerfile-ast';
import type { BuildStage } from './buildStage';
import { PositionMapper } from '../../text';
import type { Range } from '../../text';
import { runScripts } from './runScripts';
import type { RunScript } from './runScripts';

export type { BuildStage } from './buildStage';

/**
 * A Dockerfile parsed once with dockerfile-ast, plus what several rules need:
 * stages, the final stage's ancestry and the scanned shell of every RUN.
 */
export interface DockerfileModel {
  text: string;
  dockerfile: Dockerfile;
  mapper: PositionMapper;
  eol: string;
  escapeChar: string;
  stages: BuildStage[];
  /** The last stage: what `docker build` produces by default. Undefined without any FROM. */
  finalStage?: BuildStage;
  /** The final stage and the earlier stages it builds on, final first. */
  finalChain: BuildStage[];
  runs: RunScript[];
}

export function buildModel(text: string): DockerfileModel {
  // dockerfile-ast (like LSP) breaks lines at a lone CR; Docker and our PositionMapper do not.
  // A same-length stand-in keeps every offset and line number in agreement. Without one, the text is the one the
  // evidence reader just parsed, and its parse is shared.
  const dockerfile = takeDockerfileParse(text.replace(/\r(?!\n)/g, ' '));
  const mapper = new PositionMapper(text);
  const newline = text.indexOf('\n');
  const eol = newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
  const stages = splitStages(dockerfile);
  const finalStage = stages[stages.length - 1];
  const finalChain: BuildStage[] = [];
  for (let stage: BuildStage | undefined = finalStage; stage && !finalChain.includes(stage); stage = stage.parent) finalChain.push(stage);
  const model: DockerfileModel = {
    text,
    dockerfile,
    mapper,
    eol,
    escapeChar: dockerfile.getEscapeCharacter(),
    stages,
    finalStage,
    finalChain,
    runs: [],
  };
  model.runs = runScripts(model);
  return model;
}

function splitStages(dockerfile: Dockerfile): BuildStage[] {
  const stages: BuildStage[] = [];
  let current: BuildStage | undefined;
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      const name = from.getBuildStage()?.toLowerCase();
      const image = from.getImage()?.toLowerCase();
      const parent = image ? [...stages].reverse().find((stage) => stage.name === image) : undefined;
      current = { index: stages.length, from, instructions: [], ...(name ? { name } : {}), ...(parent ? { parent } : {}) };
      stages.push(current);
    } else if (current) {
      current.instructions.push(instruction);
    }
  }
  return stages;
}

/** Instructions of the final stage and the stages it builds on, oldest first. */
export function finalChainInstructions(model: DockerfileModel): Instruction[] {
  return [...model.finalChain].reverse().flatMap((stage) => stage.instructions);
}

/** dockerfile-ast ranges are LSP ranges already; copied so findings never share mutable objects with the AST. */
export function toRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Range {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

/** The source text of an instruction (keyword, arguments, continuation lines). */
export function instructionText(model: DockerfileModel, instruction: Instruction): string {
  const range = instruction.getRange();
  return model.text.slice(model.mapper.offset(range.start), model.mapper.offset(range.end));
}
