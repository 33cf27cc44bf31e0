import { relative } from 'node:path';
import type { StageFileProblem } from '../../core/stageFile/types';
import { loadStageFile } from '../../core/workspace/stageResolution';
import type { StageFileState } from '../../core/workspace/stageResolution';
import type { CliCommand } from '../command';
import { EXIT_OK, EXIT_PROBLEMS } from '../command';
import { JSON_SCHEMA_VERSION, jsonProblem } from '../jsonShapes';
import { fromCorePath, nodeFileSystem } from '../nodeFileSystem';
import { renderProblem } from '../render';
import { ruleCatalogIds } from '../ruleIds';
import { findNestedStageFiles } from '../stageFileWalk';
import { plural } from '../plural';
import { paint } from '../terminal';
import { JSON_OPTION, resolveTarget, ROOT_OPTION } from '../workspaceTarget';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check .stage.yml files (and team matrices) for problems',
  usage: 'stage-guide validate [dir] [--json] [--root DIR]',
  help: [
    'Validates the .stage.yml that governs dir and every .stage.yml below it.',
    'Prints `file:line:col severity code message`; exits 1 when any problem is found.',
    '',
    '  --json        machine-readable output',
  ],
  options: { ...JSON_OPTION, ...ROOT_OPTION },
  async run(context) {
    const target = await resolveTarget(context, context.positionals[0]);
    const files = new Map<string, StageFileState>();
    if (target.governing.stageFile) files.set(target.governing.stageFile.path, target.governing.stageFile);
    const nested = await findNestedStageFiles(nodeFileSystem, target.dir);
    // Never a silent partial answer: a walk that stopped early is a problem of its own (exit 1).
    const notices = nested.truncated
      ? [`Stopped looking for .stage.yml files after ${nested.maxFolders} folders; folders beyond them were not checked.`]
      : [];
    for (const path of nested.paths) {
      if (files.has(path)) continue;
      const state = await loadStageFile(nodeFileSystem, path, { today: context.today, knownRuleIds: ruleCatalogIds(), root: target.root });
      if (state) files.set(path, state);
    }
    const show = (path: string) => relative(context.cwd, fromCorePath(path)) || '.';
    const located: Array<{ file: string; problem: StageFileProblem }> = [];
    for (const state of files.values()) {
      for (const problem of state.problems) located.push({ file: show(state.path), problem });
      for (const problem of state.teamMatrix?.problems ?? []) located.push({ file: show(state.teamMatrix!.path), problem });
    }
    // Reading order: by file, then position.
    located.sort(
      (a, b) =>
        a.file.localeCompare(b.file) ||
        a.problem.range.start.line - b.problem.range.start.line ||
        a.problem.range.start.character - b.problem.range.start.character,
    );
    const term = context.term;
    if (context.values.json) {
      term.out(
        JSON.stringify(
          {
            schemaVersion: JSON_SCHEMA_VERSION,
            files: [...files.values()].map((state) => show(state.path)),
            problems: located.map(({ file, problem }) => jsonProblem(file, problem)),
            notifications: notices.map((message) => ({ level: 'warning', message })),
          },
          null,
          2,
        ),
      );
    } else if (files.size === 0 && notices.length === 0) {
      term.out('No .stage.yml found in this folder, above it or below it: nothing to validate.');
    } else {
      for (const { file, problem } of located) {
        const line = renderProblem(file, problem);
        term.out(
          problem.severity === 'error' ? paint(term, 'red', line) : problem.severity === 'warning' ? paint(term, 'yellow', line) : line,
        );
      }
      for (const notice of notices) term.err(paint(term, 'yellow', `stage-guide validate: ${notice}`));
      const summary = `${plural(files.size, 'file')} checked, ${plural(located.length, 'problem')}.`;
      if (located.length === 0 && notices.length === 0) term.out(paint(term, 'green', summary));
      else term.err(summary);
    }
    return located.length > 0 || notices.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  },
};
