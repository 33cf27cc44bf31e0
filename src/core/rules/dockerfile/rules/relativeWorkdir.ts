import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { replaceRange } from '../edits';
import { toRange } from '../model';
import type { BuildStage } from '../model';
import { keywordAnchors } from '../anchorPlaces';

const ABSOLUTE = /^(?:\/|\\|[A-Za-z]:[\\/])/;
const PLAIN_PATH = /^[A-Za-z0-9_./@+-]+$/;

/**
 * docker/relative-workdir: `WORKDIR app` resolves against whatever WORKDIR the
 * base image happens to set, so the same Dockerfile lands files elsewhere when
 * the base image changes. When an earlier absolute WORKDIR in the stage (or a
 * stage it builds on) fixes the current directory, the fix writes the
 * resolved absolute path.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/relative-workdir',
  anchors: (model) => keywordAnchors(model, 'WORKDIR'),
  detect(model) {
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      let current = inheritedWorkdir(stage);
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'WORKDIR') continue;
        const argsRange = instruction.getArgumentsRange();
        const path =
          instruction
            .getArgumentsContent()
            ?.trim()
            .replace(/^(["'])(.*)\1$/, '$2') ?? '';
        if (!argsRange || path === '') continue;
        if (path.startsWith('$')) {
          current = undefined;
          continue;
        }
        if (ABSOLUTE.test(path)) {
          current = PLAIN_PATH.test(path) ? normalize(path) : undefined;
          continue;
        }
        const finding: RawFinding = {
          ruleId: this.ruleId,
          range: toRange(argsRange),
          message: `WORKDIR "${path}" is relative: it depends on the base image's working directory.`,
        };
        const resolved = current !== undefined && PLAIN_PATH.test(path) ? normalize(`${current}/${path}`) : undefined;
        if (resolved)
          finding.fix = {
            title: `Use the absolute path ${resolved}`,
            edits: [replaceRange(model, model.mapper.offset(argsRange.start), model.mapper.offset(argsRange.end), resolved)],
          };
        findings.push(finding);
        current = resolved;
      }
    }
    return findings;
  },
});

/** The absolute WORKDIR a stage starts with when it builds on an earlier stage that set one. */
function inheritedWorkdir(stage: BuildStage): string | undefined {
  const ancestry: BuildStage[] = [];
  for (let current = stage.parent; current && !ancestry.includes(current); current = current.parent) ancestry.unshift(current);
  let current: string | undefined;
  for (const ancestor of ancestry) {
    for (const instruction of ancestor.instructions) {
      if (instruction.getKeyword() !== 'WORKDIR') continue;
      const path = instruction.getArgumentsContent()?.trim() ?? '';
      if (ABSOLUTE.test(path) && PLAIN_PATH.test(path)) current = normalize(path);
      else if (current !== undefined && PLAIN_PATH.test(path)) current = normalize(`${current}/${path}`);
      else current = undefined;
    }
  }
  return current;
}

/** `/app/./src/../lib/` → `/app/lib`. */
function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
