import { promises as fs } from 'node:fs';
import { relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { builtinMatrix } from '../../core/matrix/builtinMatrix';
import { stageGoal } from '../../core/matrix/matrixQueries';
import { resolveStageName, suggestStageNames } from '../../core/matrix/stageAliases';
import type { StageId } from '../../core/stages';
import { newStageFileText } from '../../core/stageFile/stageFileEdits';
import { STAGE_FILE_NAME } from '../../core/workspace/stageResolution';
import { FileWriteError, writeFileAtomic } from '../atomicWrite';
import type { CliCommand, CommandContext } from '../command';
import { errorReason } from '../../node/guardedRead';
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from '../command';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'Create a .stage.yml in a folder',
  usage: 'stage-guide init [--stage STAGE] [--name NAME] [dir]',
  help: [
    'Writes dir/.stage.yml declaring STAGE. Refuses to overwrite an existing',
    'file (use `stage-guide set`). Without --stage, asks on a terminal.',
    '',
    '  --stage STAGE   prototype | mvp | production | scale | enterprise',
    '                  (or an alias such as poc or prod)',
    '  --name NAME     a name for the service or product',
  ],
  options: { stage: { type: 'string' }, name: { type: 'string' } },
  async run(context) {
    const dir = resolve(context.cwd, context.positionals[0] ?? '.');
    const path = resolve(dir, STAGE_FILE_NAME);
    const shown = relative(context.cwd, path) || STAGE_FILE_NAME;
    if (await exists(path)) {
      context.term.err(`${shown} already exists; change its stage with: stage-guide set STAGE`);
      return EXIT_PROBLEMS;
    }
    if ((await exists(dir)) && !(await fs.stat(dir)).isDirectory()) throw new UsageError(`Not a folder: ${context.positionals[0] ?? dir}`);
    const stage = await chooseStage(context);
    const name = typeof context.values.name === 'string' ? context.values.name : undefined;
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (error) {
      throw new FileWriteError(`could not create the folder ${relative(context.cwd, dir) || '.'}: ${errorReason(error)}.`);
    }
    // Created whole or not at all, and never over anything that appeared meanwhile (not even a link).
    writeFileAtomic(path, newStageFileText(builtinMatrix(), stage, name), 'create', shown);
    context.term.out(`Created ${shown} (stage: ${stage}).`);
    return EXIT_OK;
  },
};

export function stageArgument(written: string): StageId {
  const matrix = builtinMatrix();
  const stage = resolveStageName(matrix, written);
  if (stage) return stage;
  const suggestions = suggestStageNames(matrix, written);
  const hint = suggestions.length > 0 ? ` Did you mean "${suggestions[0]}"?` : ` Stages: ${matrix.stages.map((s) => s.id).join(', ')}.`;
  throw new UsageError(`Unknown stage "${written}".${hint}`);
}

async function chooseStage(context: CommandContext): Promise<StageId> {
  if (typeof context.values.stage === 'string') return stageArgument(context.values.stage);
  if (!context.term.isTTY || !process.stdin.isTTY) throw new UsageError('--stage is required when not on a terminal.');
  const matrix = builtinMatrix();
  matrix.stages.forEach((info, index) => context.term.out(`  ${index + 1}. ${info.name} — ${stageGoal(matrix, info.id)}`));
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await prompt.question('Stage (1-5 or a name): ')).trim();
    const byNumber = matrix.stages[Number(answer) - 1];
    return byNumber ? byNumber.id : stageArgument(answer);
  } finally {
    prompt.close();
  }
}

/** Anything at the path counts, a dangling symbolic link too (lstat, not access). */
async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}
