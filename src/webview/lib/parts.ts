// View pieces the sidebar and the panels share: practice lists (with the evidence slots of a
// later issue), the problem banner of an invalid `.stage.yml`, and the create button.
import { formatCountLabel, formatLabel } from '../../shared/messages';
import type {
  EvidenceView,
  FileLocation,
  Labels,
  PracticeStatus,
  PracticeView,
  ProblemsView,
  RestrictedModeView,
  ScanStateView,
} from '../../shared/messages';
import { button, el, icon } from './dom';
import { post } from './host';

/** A reference link: real `<a>` semantics for keyboard and screen readers, opened by the host. */
export function externalLink(label: string, url: string): HTMLAnchorElement | undefined {
  // The host only sends http(s) links; checked again so no other scheme ever becomes an href.
  if (!/^https?:\/\//i.test(url)) return undefined;
  const link = el(
    'a',
    { className: 'external-link', attrs: { href: url, title: url } },
    el('span', { text: label }),
    icon('link-external'),
  );
  link.addEventListener('click', (event) => {
    event.preventDefault();
    post({ type: 'openLink', url });
  });
  return link;
}

export function openFileButton(
  label: string,
  location: FileLocation,
  iconName = 'go-to-file',
  className = 'button secondary',
): HTMLButtonElement {
  return button(label, () => post({ type: 'openFile', location }), { className, iconName });
}

export function createStageFileButton(labels: Labels): HTMLButtonElement {
  return button(labels.createStageFile, () => post({ type: 'runCommand', command: 'stageGuide.createStageFile' }), {
    iconName: 'new-file',
  });
}

const STATUS_ICON: Record<PracticeStatus, string> = { met: 'pass', missing: 'circle-large-outline', unknown: 'question' };

export function practiceList(practices: PracticeView[], labels: Labels, options: { next?: boolean; emptyText?: string } = {}): HTMLElement {
  if (practices.length === 0) return el('p', { className: 'muted', text: options.emptyText ?? labels.noPractices });
  const list = el('ul', { className: options.next ? 'practices practices-next' : 'practices' });
  for (const practice of practices) list.appendChild(practiceItem(practice, labels, options.next === true));
  return list;
}

function practiceItem(practice: PracticeView, labels: Labels, isNext: boolean): HTMLLIElement {
  const title = el('span', { className: 'practice-title', text: practice.title });
  const item = el(
    'li',
    { className: 'practice', attrs: { 'data-practice': practice.id } },
    el(
      'div',
      { className: 'practice-head' },
      practice.status ? statusMark(practice.status, labels) : undefined,
      isNext ? el('span', { className: 'next-badge', text: labels.nextBadge }) : undefined,
      title,
    ),
    el('p', { className: 'practice-rationale', text: practice.rationale }),
    practice.link ? externalLink(labels.learnMore, practice.link) : undefined,
    practice.evidence && practice.evidence.length > 0 ? evidenceList(practice.evidence) : undefined,
    practice.counterEvidence && practice.counterEvidence.length > 0
      ? el(
          'div',
          { className: 'counter-evidence' },
          el('p', { className: 'section-label', text: labels.counterEvidence }),
          evidenceList(practice.counterEvidence),
        )
      : undefined,
    practice.satisfiedBy && practice.satisfiedBy.length > 0 ? satisfiedBy(practice.satisfiedBy, labels) : undefined,
    practice.status === 'unknown'
      ? el('p', {
          className: 'muted',
          text: practice.notApplicable ? formatLabel(labels.notApplicable, practice.notApplicable) : labels.notObservable,
        })
      : undefined,
  );
  return item;
}

function satisfiedBy(ways: string[], labels: Labels): HTMLElement {
  const list = el('ul', { className: 'satisfied-by' });
  for (const way of ways) list.appendChild(el('li', { text: way }));
  return el('div', { className: 'satisfied' }, el('p', { className: 'section-label', text: labels.satisfiedBy }), list);
}

/** A scan in progress (with how far it got), or the last scan's failure; nothing when idle and fine. */
export function scanStatus(state: ScanStateView, labels: Labels): HTMLElement | undefined {
  if (state.scanning) {
    const progress = state.progress;
    const text = progress
      ? formatLabel(
          labels.scanningProgress,
          formatCountLabel(labels.entriesSeen, progress.entries, progress.entries),
          formatCountLabel(labels.filesRead, progress.filesRead, progress.filesRead),
        )
      : labels.scanning;
    return el(
      'p',
      { className: 'scan-status muted', attrs: { role: 'status' } },
      icon('loading codicon-modifier-spin'),
      el('span', { text: ` ${text}` }),
    );
  }
  if (state.error !== undefined)
    return el(
      'p',
      { className: 'scan-status', attrs: { role: 'alert' } },
      icon('warning'),
      el('span', { text: ` ${formatLabel(labels.evidenceFailed, state.error)}` }),
    );
  return undefined;
}

function statusMark(status: PracticeStatus, labels: Labels): HTMLElement {
  const text = { met: labels.statusMet, missing: labels.statusMissing, unknown: labels.statusUnknown }[status];
  return el(
    'span',
    { className: `status status-${status}`, attrs: { title: text } },
    icon(STATUS_ICON[status]),
    el('span', { className: 'visually-hidden', text }),
  );
}

function evidenceList(evidence: EvidenceView[]): HTMLElement {
  const list = el('ul', { className: 'evidence' });
  for (const item of evidence) {
    const open = button(item.label, () => post({ type: 'openFile', location: item.location }), {
      className: 'link-button',
      iconName: 'file',
    });
    list.appendChild(el('li', {}, open, el('span', { className: 'evidence-detail muted', text: item.detail })));
  }
  return list;
}

/**
 * Restricted Mode: says which parts are off until the workspace is trusted and offers the
 * workbench's trust editor (a real button, so it is reached with Tab and pressed with Enter).
 */
export function restrictedNotice(restricted: RestrictedModeView | undefined, labels: Labels): HTMLElement | undefined {
  if (!restricted) return undefined;
  const manage = button(labels.manageTrust, () => post({ type: 'runCommand', command: 'workbench.trust.manage' }), {
    className: 'button secondary',
    iconName: 'shield',
  });
  manage.dataset.focusKey = 'manage-trust';
  return el(
    'section',
    { className: 'banner banner-restricted', attrs: { role: 'note', 'aria-label': labels.restrictedTitle } },
    el('div', { className: 'banner-head' }, icon('shield'), el('strong', { text: labels.restrictedTitle })),
    restricted.scanOff ? el('p', { text: labels.restrictedScanOff }) : undefined,
    restricted.teamMatrixOff ? el('p', { text: labels.restrictedMatrixOff }) : undefined,
    manage,
  );
}

/** Says the `.stage.yml` has problems, names the first one and offers to open the file at it. */
export function problemBanner(problems: ProblemsView, labels: Labels): HTMLElement | undefined {
  const first = problems.first;
  if (!first) return undefined;
  const hasErrors = problems.errorCount > 0;
  const summary = formatCountLabel(hasErrors ? labels.invalidStageFile : labels.warningsOnly, problems.count, problems.count);
  return el(
    'div',
    { className: hasErrors ? 'banner banner-error' : 'banner banner-warning', attrs: { role: hasErrors ? 'alert' : 'status' } },
    el('div', { className: 'banner-head' }, icon(hasErrors ? 'error' : 'warning'), el('strong', { text: summary })),
    el('p', { className: 'banner-problem', text: formatLabel(labels.problemAtLine, first.line, first.message) }),
    openFileButton(labels.openStageFile, first.location),
  );
}
