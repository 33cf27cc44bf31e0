// The webviews' UI strings, translated here because webviews have no l10n API.
// Each string is the English source text of `vscode.l10n.t`, so `@vscode/l10n-dev export`
// finds it and a bundle can translate it.
import * as vscode from 'vscode';
import type { Labels } from '../../shared/messages';

export function webviewLabels(): Labels {
  const t = vscode.l10n.t;
  return {
    compareWithNext: t('Compare with next stage'),
    nextBadge: t('Next'),
    nextStageText: t('At {0}'),
    noNextStage: t('{0} is the last stage: there is no next stage.'),
    newPracticesAt: t('New at {0}'),
    noNewPractices: t('No new practices listed for this step.'),
    practices: t('Practices'),
    noPractices: t('No practices listed at this stage.'),
    learnMore: t('Learn more'),
    emptyNoStageFile: t('No .stage.yml governs this file: declare your product\'s stage to see what it asks of each concern.'),
    emptyNoFolder: t('Open a folder to see what your product\'s stage asks of it.'),
    createStageFile: t('Create .stage.yml'),
    openStageFile: t('Open .stage.yml'),
    setStage: t('Set Stage'),
    governedBy: t('Declared in {0}'),
    goal: t('Goal'),
    stageOverridden: t('Set to {0} for this concern'),
    fromTeamMatrix: t('Text from the team matrix'),
    invalidStageFile: t('This .stage.yml has {0} problem(s); the valid parts still apply.'),
    problemsMore: t('and {0} more'),
    warningsOnly: t('This .stage.yml has {0} warning(s).'),
    noValidStage: t('This .stage.yml declares no valid stage, so no concerns can be shown.'),
    problemAtLine: t('Line {0}: {1}'),
    concernsHeading: t('Concerns'),
    upgradeCurrent: t('Now ({0})'),
    upgradeNoChange: t('The text does not change.'),
    upgradeAlreadyThere: t('Already at {0} for this concern.'),
    upgradeLastStage: t('{0} is the last stage: there is no next stage to upgrade to.'),
    upgradeNoStageFile: t('No .stage.yml declares this workspace\'s stage yet, so there is nothing to upgrade from.'),
    upgradeNoStage: t('This .stage.yml declares no valid stage, so there is nothing to upgrade from.'),
    findings: t('Findings due at {0}'),
    matrixConcern: t('Concern'),
    matrixGoverning: t('Your stage'),
    matrixNoStageFile: t('No .stage.yml governs this workspace: no column is highlighted.'),
    scanning: t('Looking at the workspace…'),
    observedStage: t('Observed: {0}'),
    badgeMet: t('Met'),
    badgeGaps: t('Gaps'),
    badgeUnknown: t('Unknown'),
    statusMet: t('met'),
    statusMissing: t('missing'),
    statusUnknown: t('unknown'),
  };
}
