import { promises as fs } from 'node:fs';
import { relative } from 'node:path';
import { setStageEdits } from '../../core/stageFile/stageFileEdits';
import { applyTextEdits } from '../../core/text';
import type { CliCommand } from '../command';
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from '../command';
import { fromCorePath } from '../nodeFileSystem';
import { resolveTarget, ROOT_OPTION } from '../workspaceTarget';
import { stageArgument } from './init';

export const setCommand: CliCommand = {
  name: 'set',
  summary: 'Change the stage in the governing .stage.yml (comments kept)',
  usage: 'stage-guide set STAGE [dir] [--root DIR]',
  help: [
    'Edits only the value of `stage:` in the .stage.yml that governs dir;',
    'comments, key order and formatting are kept.',
  ],
  options: { ...ROOT_OPTION },
  async run(context) {
    const [written, dirArg] = context.positionals;
    if (!written) throw new UsageError('Which stage? e.g. stage-guide set production');
    const stage = stageArgument(written);
    const { governing } = await resolveTarget(context, dirArg);
    if (!governing.stageFile) {
      context.term.err('No .stage.yml governs this folder. Create one with: stage-guide init --stage ' + stage);
      return EXIT_PROBLEMS;
    }
    const native = fromCorePath(governing.stageFile.path);
    const edits = setStageEdits(governing.stageFile.text, stage);
    const shown = relative(context.cwd, native) || '.stage.yml';
    if (edits.length === 0) {
      context.term.out(`${shown} already declares stage: ${stage}.`);
      return EXIT_OK;
    }
    await fs.writeFile(native, applyTextEdits(governing.stageFile.text, edits));
    context.term.out(`Set stage: ${stage} in ${shown}.`);
    return EXIT_OK;
  },
};
