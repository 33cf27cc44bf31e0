import { assessWorkspace } from '../../core/evidence/index';
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { renderEvidence } from '../checkFormats/textEvidence';
import { displayPath } from '../checkFormats/paths';
import { nodeFileSystem } from '../nodeFileSystem';
import { ruleCatalogIds } from '../ruleIds';
import { escapeControl, paint } from '../terminal';
import { resolveTarget, ROOT_OPTION } from '../workspaceTarget';

/**
 * `stage-guide assess`: the evidence behind `check` — per service the concern
 * table, every practice due with the files that prove it or what would
 * satisfy it, and the next stage's checklist. Informational: exits 0.
 */
export const assessCommand: CliCommand = {
  name: 'assess',
  summary: 'Evidence per concern: the files behind each practice',
  usage: 'stage-guide assess [dir] [--root D]',
  help: ['', '  --root DIR      the workspace root (default: the git root)', '', 'Findings in config files: stage-guide check.'],
  options: { ...ROOT_OPTION },
  async run(context) {
    const target = await resolveTarget(context, context.positionals[0]);
    const assessment = await assessWorkspace(target.dir, {
      fs: nodeFileSystem,
      workspaceRoot: target.root,
      today: context.today,
      knownRuleIds: ruleCatalogIds(),
    });
    const term = context.term;
    assessment.services.forEach((service, index) => {
      if (index > 0) term.out();
      const where = service.stageFile
        ? displayPath(context.cwd, service.stageFile)
        : `${displayPath(context.cwd, service.root)} (no .stage.yml)`;
      term.out(paint(term, 'bold', escapeControl(service.name ? `${service.name} · ${where}` : where)));
      term.out();
      renderEvidence(term, context.cwd, service);
    });
    return EXIT_OK;
  },
};
