import { relative } from 'node:path';
import { stageGoal, stageInfo } from '../../core/matrix/matrixQueries';
import { stageForConcern } from '../../core/workspace/stageResolution';
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { JSON_SCHEMA_VERSION, jsonPractice, jsonProblem, jsonStage } from '../jsonShapes';
import { fromCorePath } from '../nodeFileSystem';
import { heading, renderPractice } from '../render';
import { escapeControl, paint, wrap } from '../terminal';
import { JSON_OPTION, resolveTarget, ROOT_OPTION } from '../workspaceTarget';
import { printNoStageFile, printStageFileProblemsHint } from './shared';

export const showCommand: CliCommand = {
  name: 'show',
  summary: 'The stage that governs a folder and what it asks of all 12 concerns',
  usage: 'stage-guide show [dir] [--json] [--root DIR]',
  help: [
    'Prints the stage declared by the nearest .stage.yml (in dir or above) and the',
    "matrix column of that stage: every concern's text and its practices.",
    '',
    '  --json        machine-readable output (see docs/cli.md, JSON output)',
    '  --root DIR    stop looking for .stage.yml at DIR (default: the git root)',
  ],
  options: { ...JSON_OPTION, ...ROOT_OPTION },
  async run(context) {
    const { governing } = await resolveTarget(context, context.positionals[0]);
    const { matrix, stage, stageFile } = governing;
    const file = stageFile ? relative(context.cwd, fromCorePath(stageFile.path)) || '.stage.yml' : null;
    if (context.values.json) {
      context.term.out(
        JSON.stringify(
          {
            schemaVersion: JSON_SCHEMA_VERSION,
            stageFile: file,
            name: stageFile?.config.name ?? null,
            stage: jsonStage(matrix, stage),
            next: jsonStage(matrix, governing.next),
            problems: stageFile ? stageFile.problems.map((problem) => jsonProblem(file ?? '', problem)) : [],
            concerns: matrix.concerns.map((concern) => {
              const concernStage = stageForConcern(governing, concern.id);
              const cell = concernStage ? concern.cells[concernStage] : undefined;
              return {
                id: concern.id,
                name: concern.name,
                stage: concernStage ?? null,
                text: cell?.text ?? null,
                practices: (cell?.practices ?? []).map(jsonPractice),
              };
            }),
          },
          null,
          2,
        ),
      );
      return EXIT_OK;
    }
    const term = context.term;
    if (!stageFile || !stage) {
      printNoStageFile(context, stageFile ? file : null);
      return EXIT_OK;
    }
    const info = stageInfo(matrix, stage);
    term.out(heading(term, `${stageFile.config.name ? `${stageFile.config.name}: ` : ''}${info.name}`));
    term.out(paint(term, 'dim', `declared in ${escapeControl(file ?? '')}`));
    for (const line of wrap(`Goal: ${stageGoal(matrix, stage)}`, term.width)) term.out(line);
    if (governing.next) term.out(paint(term, 'dim', `Next stage: ${stageInfo(matrix, governing.next).name} (stage-guide upgrades)`));
    printStageFileProblemsHint(context, stageFile.problems.length);
    for (const concern of matrix.concerns) {
      if (concern.id === 'goal') continue;
      const concernStage = stageForConcern(governing, concern.id) ?? stage;
      const cell = concern.cells[concernStage];
      term.out();
      const override = concernStage !== stage ? paint(term, 'yellow', ` [${stageInfo(matrix, concernStage).shortName}]`) : '';
      term.out(`${heading(term, concern.name)}${override}`);
      for (const line of wrap(escapeControl(cell.text), term.width, '  ', '  ')) term.out(paint(term, 'cyan', line));
      for (const practice of cell.practices) for (const line of renderPractice(term, practice)) term.out(line);
    }
    return EXIT_OK;
  },
};
