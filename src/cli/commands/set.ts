import { relative } from 'node:path';
import { checkedSetStageEdits } from '../../core/stageFile/editCheck';
import { containedFailure, writeRefusal } from '../../core/workspace/containedRead';
import type { CliCommand } from '../command';
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from '../command';
import { writeFileAtomic } from '../atomicWrite';
import { fileHead } from '../../node/guardedRead';
import { rewriteEncoding } from '../../core/textDecoding';
import { fromCorePath, nodeFileSystem } from '../nodeFileSystem';
import { resolveTarget, ROOT_OPTION } from '../workspaceTarget';
import { stageArgument } from './init';

export const setCommand: CliCommand = {
  name: 'set',
  summary: 'Change the stage in the governing .stage.yml (comments kept)',
  usage: 'stage-guide set STAGE [dir] [--root DIR]',
  help: [
    'Edits only the value of `stage:` in the .stage.yml that governs dir;',
    'comments, key order and formatting are kept. The edit is checked (the',
    'file must still parse, to the new stage) and written whole or not at all;',
    'only a regular file inside the repository is written, never through a link.',
  ],
  options: { ...ROOT_OPTION },
  async run(context) {
    const [written, dirArg] = context.positionals;
    if (!written) throw new UsageError('Which stage? e.g. stage-guide set production');
    const stage = stageArgument(written);
    const { governing, root } = await resolveTarget(context, dirArg);
    const stageFile = governing.stageFile;
    if (!stageFile) {
      context.term.err('No .stage.yml governs this folder. Create one with: stage-guide init --stage ' + stage);
      return EXIT_PROBLEMS;
    }
    const native = fromCorePath(stageFile.path);
    const shown = relative(context.cwd, native) || '.stage.yml';
    if (stageFile.unreadable) {
      context.term.err(`stage-guide set: ${shown}: ${stageFile.problems[0]?.message ?? 'cannot be read.'} Not changed.`);
      return EXIT_PROBLEMS;
    }
    const refusal = await writeRefusal(nodeFileSystem, stageFile.path, root);
    if (refusal) {
      context.term.err(`stage-guide set: ${shown} ${refusal}. Not changed.`);
      return EXIT_PROBLEMS;
    }
    // Read again right before the edit: the text resolution read may be stale by now (another `set`).
    const fresh = await nodeFileSystem.readFile(stageFile.path);
    if (fresh.status !== 'ok') {
      context.term.err(`stage-guide set: ${shown} ${containedFailure(fresh)}. Not changed.`);
      return EXIT_PROBLEMS;
    }
    const encoding = rewriteEncoding(fileHead(native, 3));
    if ('refused' in encoding) {
      context.term.err(`stage-guide set: not changing ${shown}: ${encoding.refused}. Edit it by hand.`);
      return EXIT_PROBLEMS;
    }
    const checked = checkedSetStageEdits(fresh.text, stage);
    if ('refused' in checked) {
      context.term.err(`stage-guide set: not changing ${shown}: ${checked.refused}. Edit it by hand.`);
      return EXIT_PROBLEMS;
    }
    if (checked.edits.length === 0) {
      context.term.out(`${shown} already declares stage: ${stage}.`);
      return EXIT_OK;
    }
    writeFileAtomic(native, encoding.bom + checked.text, 'replace', shown);
    context.term.out(`Set stage: ${stage} in ${shown}.`);
    return EXIT_OK;
  },
};
