import { stageInfo } from '../../core/matrix/matrixQueries';
import { resolveStageName } from '../../core/matrix/stageAliases';
import type { StageId } from '../../core/stages';
import { computeUpgrade } from '../../core/upgrades';
import { stageForConcern } from '../../core/workspace/stageResolution';
import type { CliCommand } from '../command';
import { EXIT_OK, UsageError } from '../command';
import { JSON_SCHEMA_VERSION, jsonUpgrade } from '../jsonShapes';
import { heading, renderPractice } from '../render';
import { paint, wrap } from '../terminal';
import { JSON_OPTION, resolveTarget, ROOT_OPTION } from '../workspaceTarget';
import { printNoStageFile } from './shared';

export const upgradesCommand: CliCommand = {
  name: 'upgrades',
  summary: 'What changes from the current stage to the next, concern by concern',
  usage: 'stage-guide upgrades [dir] [--to STAGE] [--json] [--root DIR]',
  help: [
    "For each concern: the current stage's text, the next stage's text and the",
    'practices that are new there. Concerns that change most come first.',
    '',
    '  --to STAGE    compare with STAGE instead of `next:` / the following stage',
    '  --json        machine-readable output',
    '  --root DIR    stop looking for .stage.yml at DIR (default: the git root)',
  ],
  options: { ...JSON_OPTION, ...ROOT_OPTION, to: { type: 'string' } },
  async run(context) {
    const governing = (await resolveTarget(context, context.positionals[0])).governing;
    const { matrix, stage } = governing;
    const term = context.term;
    if (!stage) {
      if (context.values.json)
        term.out(JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, from: null, to: null, concerns: [] }, null, 2));
      else printNoStageFile(context, null);
      return EXIT_OK;
    }
    let to: StageId | undefined = governing.next;
    if (typeof context.values.to === 'string') {
      to = resolveStageName(matrix, context.values.to);
      if (!to) throw new UsageError(`Unknown stage "${context.values.to}".`);
    }
    if (!to) {
      if (context.values.json)
        term.out(JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, from: stage, to: null, concerns: [] }, null, 2));
      else term.out(`${stageInfo(matrix, stage).name} is the last stage: there is no next stage to prepare for.`);
      return EXIT_OK;
    }
    const upgrade = computeUpgrade(matrix, stage, to, (concernId) => stageForConcern(governing, concernId));
    if (context.values.json) {
      term.out(JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, ...jsonUpgrade(matrix, upgrade) }, null, 2));
      return EXIT_OK;
    }
    term.out(heading(term, `${stageInfo(matrix, stage).name} → ${stageInfo(matrix, to).name}`));
    for (const concern of upgrade.concerns) {
      term.out();
      const unchanged = concern.change === 0 ? paint(term, 'dim', ' (no change)') : '';
      term.out(`${heading(term, concern.concern.name)}${unchanged}`);
      if (concern.change === 0) continue;
      for (const line of wrap(concern.currentText, term.width, '  now:  ', '        ')) term.out(paint(term, 'dim', line));
      for (const line of wrap(concern.nextText, term.width, '  next: ', '        ')) term.out(paint(term, 'cyan', line));
      for (const practice of concern.newPractices) for (const line of renderPractice(term, practice, '+')) term.out(line);
    }
    return EXIT_OK;
  },
};
