import { analyzeCiFile } from '../ci/analysis';
import { parsedYamlAnalyzer } from '../yaml/parsedYamlAnalyzer';
import { collectAnchors } from '../engine/ruleAnchors';
import { COMPOSITE_ACTION_RULES, GITHUB_ACTIONS_DETECTORS } from './detectors';
import { GITHUB_ACTIONS_RULES } from './rules';
import type { WorkflowDetector } from './detectors';
import { oncePerAnchor } from './aliasedJobs';
import { readWorkflow } from './workflow';
import type { Workflow } from './workflow';

/** Each detector, silent on a composite action unless it is one of the step rules. */
const DETECTORS: Readonly<Record<string, WorkflowDetector>> = Object.fromEntries(
  Object.entries(GITHUB_ACTIONS_DETECTORS).map(([id, detect]) => [
    id,
    COMPOSITE_ACTION_RULES.has(id) ? detect : (workflow: Workflow) => (workflow.composite ? [] : detect(workflow)),
  ]),
);

/**
 * GitHub Actions workflows (`.github/workflows/*.y{a,}ml`) and composite actions (`action.yml`); takes the text
 * or a parse of it, and reads the repository's CI test facts.
 */
export const githubActionsAnalyzer = parsedYamlAnalyzer(
  'github-actions',
  Object.keys(GITHUB_ACTIONS_DETECTORS),
  (input, facts, path, options) =>
    // Every rule's anchors, a composite action's too: its hovers explain its steps like a workflow's. No place is anchored by a concern alone.
    analyzeCiFile(
      'github-actions',
      input,
      (file) => readWorkflow(file, { facts, path }),
      DETECTORS,
      (workflow, problems) => collectAnchors(GITHUB_ACTIONS_RULES, [], [workflow], problems),
      oncePerAnchor,
      options,
    ),
);
