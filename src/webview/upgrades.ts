// The "Next-Stage Upgrades" panel: per concern, what it says now and at the next stage, and
// the practices the next stage adds, the concerns that change most first. Each concern has a
// findings slot for the workspace checks of a later issue.
import { formatLabel } from '../shared/messages';
import type { ConcernUpgradeView, FindingView, Labels, StageFileView, UpgradesModel } from '../shared/messages';
import { el, icon, replaceChildren } from './lib/dom';
import { connectView } from './lib/host';
import { createStageFileButton, openFileButton, practiceList, problemBanner } from './lib/parts';

const root = document.getElementById('root') as HTMLElement;

connectView('upgrades', (model, labels) => {
  document.title = model.title;
  replaceChildren(root, ...render(model, labels));
});

function render(model: UpgradesModel, labels: Labels): Array<HTMLElement | undefined> {
  switch (model.kind) {
    case 'no-stage-file':
      return [el('h1', { text: model.title }), el('section', { className: 'empty' }, el('p', { text: labels.upgradeNoStageFile }), createStageFileButton(labels))];
    case 'no-stage':
      return [el('h1', { text: model.title }), el('p', { text: labels.upgradeNoStage }), problemBanner(model.problems, labels), source(model.stageFile, labels)];
    case 'last-stage':
      return [el('h1', { text: model.title }), el('p', { text: formatLabel(labels.upgradeLastStage, model.stage.name) }), source(model.stageFile, labels)];
    case 'upgrade':
      return [
        el(
          'header',
          { className: 'upgrade-header' },
          model.displayName ? el('p', { className: 'display-name', text: model.displayName }) : undefined,
          el('h1', { text: model.title }),
          el('p', { className: 'muted', text: `${model.from.name} → ${model.to.name}` }),
          source(model.stageFile, labels),
        ),
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
            el('div', { className: 'now' }, el('h3', { text: formatLabel(labels.upgradeCurrent, concern.from.shortName) }), el('p', { className: 'cell-text', text: concern.currentText })),
            el(
              'div',
              { className: 'next-block' },
              el('h3', {}, el('span', { className: 'next-badge', text: labels.nextBadge }), ` ${formatLabel(labels.nextStageText, concern.to.shortName)}`),
              el('p', { className: 'cell-text', text: unchanged ? labels.upgradeNoChange : concern.nextText }),
            ),
          ),
      concern.alreadyThere ? undefined : el('h3', { className: 'section-label', text: formatLabel(labels.newPracticesAt, concern.to.shortName) }),
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

function findingList(findings: FindingView[], stage: string, labels: Labels): HTMLElement {
  const list = el('ul', { className: 'findings' });
  for (const finding of findings) {
    list.appendChild(
      el(
        'li',
        { className: `finding finding-${finding.severity}` },
        icon(finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info'),
        el('span', { text: finding.message }),
        openFileButton(finding.ruleId, finding.location, 'go-to-file', 'link-button'),
      ),
    );
  }
  return el('div', { className: 'findings-section' }, el('h3', { className: 'section-label', text: formatLabel(labels.findings, stage) }), list);
}
