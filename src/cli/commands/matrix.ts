import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { JSON_SCHEMA_VERSION, jsonPractice } from '../jsonShapes';
import { heading } from '../render';
import { paint, wrap } from '../terminal';
import { JSON_OPTION, resolveTarget, ROOT_OPTION } from '../workspaceTarget';

export const matrixCommand: CliCommand = {
  name: 'matrix',
  summary: 'The full stage matrix: every concern at every stage',
  usage: 'stage-guide matrix [dir] [--json] [--root DIR]',
  help: [
    'Prints all 12 concerns at all five stages (with a team matrix when the',
    "governing .stage.yml names one). The governing stage's cells are marked ▶.",
    '',
    '  --json        machine-readable output',
  ],
  options: { ...JSON_OPTION, ...ROOT_OPTION },
  async run(context) {
    const { matrix, stage } = (await resolveTarget(context, context.positionals[0])).governing;
    const term = context.term;
    if (context.values.json) {
      term.out(
        JSON.stringify(
          {
            schemaVersion: JSON_SCHEMA_VERSION,
            title: matrix.title,
            governingStage: stage ?? null,
            stages: matrix.stages.map((s) => ({ id: s.id, name: s.name, shortName: s.shortName, aliases: s.aliases })),
            concerns: matrix.concerns.map((concern) => ({
              id: concern.id,
              name: concern.name,
              cells: Object.fromEntries(
                matrix.stages.map((s) => [
                  s.id,
                  { text: concern.cells[s.id].text, practices: concern.cells[s.id].practices.map(jsonPractice) },
                ]),
              ),
            })),
          },
          null,
          2,
        ),
      );
      return EXIT_OK;
    }
    term.out(heading(term, matrix.title));
    const labelWidth = Math.max(...matrix.stages.map((s) => s.shortName.length)) + 4;
    for (const concern of matrix.concerns) {
      term.out();
      term.out(heading(term, concern.name));
      for (const info of matrix.stages) {
        const marker = info.id === stage ? '▶ ' : '  ';
        const label = `${marker}${info.shortName}:`.padEnd(labelWidth + 1);
        const lines = wrap(concern.cells[info.id].text, term.width, label, ' '.repeat(label.length));
        for (const line of lines) term.out(info.id === stage ? paint(term, 'cyan', line) : line);
      }
    }
    return EXIT_OK;
  },
};
