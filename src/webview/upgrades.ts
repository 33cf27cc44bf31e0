// The "Next-Stage Upgrades" panel, a checklist: per concern, what it says now and at the next
// stage, the practices the next stage adds (each met, missing or unknown once the workspace is
// scanned) and the config-file findings due there, with buttons to open the file or apply the
// fix. The concerns that change most come first.
import { formatCountLabel, formatLabel } from '../shared/messages';
import type { ConcernUpgradeView, FindingView, Labels, ReadinessView, StageFileView, UpgradesModel } from '../shared/messages';
import { button, el, icon, replaceChildren } from './lib/dom';
import { connectView, post } from './lib/host';
import { rememberScroll } from './lib/scrollMemory';
import { createStageFileButton, openFileButton, practiceList, problemBanner, restrictedNotice, scanStatus } from './lib/parts';

const root = document.getElementById('root') as HTMLElement;
const restoreScroll = rememberScroll();

connectView('upgrades', (model, labels) => {
  document.title = model.title;
  replaceChildren(root, ...render(model, labels));
  restoreScroll();
});

function render(model: UpgradesModel, labels: Labels): Array<HTMLElement | undefined> {
  switch (model.kind) {
    case 'no-stage-file':
      return [
        el('h1', { text: model.title }),
        el('section', { className: 'empty' }, el('p', { text: labels.upgradeNoStageFile }), createStageFileButton(labels)),
      ];
    case 'no-stage':
      return [
        el('h1', { text: model.title }),
        el('p', { text: labels.upgradeNoStage }),
        problemBanner(model.problems, labels),
        source(model.stageFile, labels),
      ];
    case 'last-stage':
      return [
        el('h1', { text: model.title }),
        el('p', { text: formatLabel(labels.upgradeLastStage, model.stage.name) }),
        source(model.stageFile, labels),
      ];
    case 'upgrade':
      return [
        el(
          'header',
          { className: 'upgrade-header' },
          model.displayName ? el('p', { className: 'display-name', text: model.displayName }) : undefined,
          el('h1', { text: model.title }),
          el('p', { className: 'muted', text: `${model.from.name} → ${model.to.name}` }),
          source(model.stageFile, labels),
          model.readiness ? readinessSummary(model.readiness, model.to.shortName, labels) : undefined,
        ),
        restrictedNotice(model.restricted, labels),
        problemBanner(model.problems, labels),
        concernList(model.concerns, labels),
      ];
  }
}

function source(stageFile: StageFileView, labels: Labels): HTMLElement {
  return el(
    'p',
    { className: 'stage-source' },
    el('span', { text: formatLabel(labels.governedBy, stageFile.label) }),
    openFileButton(labels.openStageFile, { uri: stageFile.uri }, 'go-to-file', 'link-button'),
  );
}

function concernList(concerns: ConcernUpgradeView[], labels: Labels): HTMLElement {
  const list = el('ol', { className: 'upgrades' });
  for (const concern of concerns) list.appendChild(concernItem(concern, labels));
  return list;
}

function concernItem(concern: ConcernUpgradeView, labels: Labels): HTMLLIElement {
  const headingId = `upgrade-${concern.id}`;
  const unchanged = concern.currentText === concern.nextText;
  return el(
    'li',
    { className: concern.change === 0 || concern.alreadyThere ? 'upgrade unchanged' : 'upgrade', attrs: { 'data-concern': concern.id } },
    el(
      'section',
      { attrs: { 'aria-labelledby': headingId } },
      el('h2', { attrs: { id: headingId } }, el('span', { text: concern.name }), changeMeter(concern.change)),
      concern.alreadyThere
        ? el('p', { className: 'muted', text: formatLabel(labels.upgradeAlreadyThere, concern.from.shortName) })
        : el(
            'div',
            { className: 'compare' },
            el(
              'div',
              { className: 'now' },
              el('h3', { text: formatLabel(labels.upgradeCurrent, concern.from.shortName) }),
              el('p', { className: 'cell-text', text: concern.currentText }),
            ),
            el(
              'div',
              { className: 'next-block' },
              el('h3', {}, el('span', { className: 'next-badge', text: labels.nextBadge }), ` ${concern.to.shortName}`),
              el('p', { className: 'cell-text', text: unchanged ? labels.upgradeNoChange : concern.nextText }),
            ),
          ),
      concern.alreadyThere
        ? undefined
        : el('h3', { className: 'section-label', text: formatLabel(labels.newPracticesAt, concern.to.shortName) }),
      concern.alreadyThere ? undefined : practiceList(concern.newPractices, labels, { next: true, emptyText: labels.noNewPractices }),
      concern.findings && concern.findings.length > 0 ? findingList(concern.findings, concern.to.shortName, labels) : undefined,
    ),
  );
}

/** How much changes, as a short bar (decorative: the order of the list already says it). */
function changeMeter(change: number): HTMLElement {
  const meter = el('span', { className: 'change-meter', attrs: { 'aria-hidden': 'true' } });
  const filled = Math.round(change * 5);
  for (let step = 0; step < 5; step++) meter.appendChild(el('span', { className: step < filled ? 'pip filled' : 'pip' }));
  return meter;
}

/** "5 of 9 new practices met, 3 missing, 1 not observable · 2 config-file findings due for Production-Ready". */
function readinessSummary(readiness: ReadinessView, stage: string, labels: Labels): HTMLElement {
  const total = readiness.met + readiness.missing + readiness.unknown;
  return el(
    'div',
    { className: 'readiness' },
    scanStatus(readiness, labels),
    readiness.assessed
      ? el('p', {
          className: 'readiness-totals',
          text: formatCountLabel(labels.readinessSummary, total, readiness.met, total, readiness.missing, readiness.unknown),
        })
      : undefined,
    readiness.assessed && readiness.findings > 0
      ? el('p', {
          className: 'readiness-findings',
          text: formatCountLabel(labels.readinessFindings, readiness.findings, readiness.findings, stage),
        })
      : undefined,
  );
}

function findingList(findings: FindingView[], stage: string, labels: Labels): HTMLElement {
  const list = el('ul', { className: 'findings' });
  for (const finding of findings) {
    const fix = finding.fixTitle
      ? button(finding.fixTitle, () => post({ type: 'applyFix', location: finding.location, ruleId: finding.ruleId }), {
          className: 'button secondary',
          iconName: 'lightbulb-autofix',
        })
      : undefined;
    list.appendChild(
      el(
        'li',
        { className: `finding finding-${finding.severity}`, attrs: { 'data-rule': finding.ruleId } },
        el(
          'div',
          { className: 'finding-head' },
          icon(finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info'),
          el('span', { className: 'finding-message', text: finding.message }),
        ),
        el(
          'div',
          { className: 'finding-actions' },
          el('code', { className: 'finding-rule', text: finding.ruleId }),
          openFileButton(`${labels.openFinding} ${finding.place}`, finding.location, 'go-to-file', 'link-button'),
          fix,
        ),
      ),
    );
  }
  return el(
    'div',
    { className: 'findings-section' },
    el('h3', { className: 'section-label', text: formatLabel(labels.findings, stage) }),
    list,
  );
}
