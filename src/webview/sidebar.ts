// The "Stage" sidebar view: the governing stage, its goal, and every concern with its cell
// text and practices; a switch compares each concern with the next stage. Bundled by esbuild
// for the browser; state (expanded concerns, compare switch, scroll) survives reloads via
// getState/setState because the view is not kept alive while hidden.
import { formatLabel } from '../shared/messages';
import type { ConcernBadge, ConcernView, EvidenceStateView, Labels, SidebarModel, SidebarStageModel } from '../shared/messages';
import { button, el, icon, replaceChildren } from './lib/dom';
import { connectView, loadState, saveState } from './lib/host';
import { rememberScroll } from './lib/scrollMemory';
import { createStageFileButton, openFileButton, practiceList, problemBanner, restrictedNotice, scanStatus } from './lib/parts';

interface SidebarState {
  expanded: string[];
  compare: boolean;
  scrollY: number;
}

function isSidebarState(value: unknown): value is SidebarState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<SidebarState>;
  return Array.isArray(state.expanded) && typeof state.compare === 'boolean' && typeof state.scrollY === 'number';
}

const state: SidebarState = loadState({ expanded: [], compare: false, scrollY: 0 }, isSidebarState);
const root = document.getElementById('root') as HTMLElement;
let current: { model: SidebarModel; labels: Labels } | undefined;
// Saved with the rest of the view's state (expanded concerns, compare switch).
const restoreScroll = rememberScroll(state, () => saveState(state));

connectView('sidebar', (model, labels) => {
  current = { model, labels };
  render();
});

function render(): void {
  if (!current) return;
  const { model, labels } = current;
  // Re-rendering replaces the DOM; put focus back on the same control so keyboard users keep their place.
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focusKey;
  replaceChildren(root, ...(model.kind === 'empty' ? [emptyState(model.reason, labels)] : stageView(model, labels)));
  if (focusKey) root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  restoreScroll();
}

function emptyState(reason: 'no-stage-file' | 'no-folder', labels: Labels): HTMLElement {
  const noFolder = reason === 'no-folder';
  return el(
    'section',
    { className: 'empty', attrs: { 'aria-label': labels.createStageFile } },
    el('p', { text: noFolder ? labels.emptyNoFolder : labels.emptyNoStageFile }),
    noFolder ? undefined : withFocusKey(createStageFileButton(labels), 'create'),
  );
}

function stageView(model: SidebarStageModel, labels: Labels): Array<HTMLElement | undefined> {
  return [
    header(model, labels),
    restrictedNotice(model.restricted, labels),
    problemBanner(model.problems, labels),
    ...(model.stage ? concernsSection(model, labels) : [el('p', { className: 'muted', text: labels.noValidStage })]),
  ];
}

function header(model: SidebarStageModel, labels: Labels): HTMLElement {
  const source = el(
    'p',
    { className: 'stage-source' },
    el('span', { text: formatLabel(labels.governedBy, model.stageFile.label) }),
    withFocusKey(openFileButton(labels.openStageFile, { uri: model.stageFile.uri }, 'go-to-file', 'link-button'), 'open-stage-file'),
  );
  return el(
    'header',
    { className: 'stage-header' },
    model.displayName ? el('p', { className: 'display-name', text: model.displayName }) : undefined,
    model.stage ? el('h1', { className: 'stage-name', text: model.stage.name }) : undefined,
    model.stage
      ? el(
          'p',
          { className: 'stage-goal' },
          el('span', { className: 'label', text: `${labels.goal}: ` }),
          el('span', { text: model.stage.goal }),
        )
      : undefined,
    source,
    model.evidence ? evidenceSummary(model.evidence, labels) : undefined,
  );
}

/** "Declared: X — observed: …": the concerns the workspace shows below their stage, or that all are there. */
function evidenceSummary(evidence: EvidenceStateView, labels: Labels): HTMLElement {
  const summary = el('div', { className: 'evidence-summary' }, scanStatus(evidence, labels));
  if (!evidence.assessed) return summary;
  if (evidence.behind.length === 0) {
    summary.appendChild(el('p', { className: 'muted', text: labels.evidenceAllThere }));
    return summary;
  }
  const list = el('ul', { className: 'behind', attrs: { 'aria-label': labels.evidenceBehind } });
  for (const concern of evidence.behind) {
    const text = concern.observed
      ? formatLabel(labels.declaredObserved, concern.name, concern.observed.shortName)
      : formatLabel(labels.declaredObservedNone, concern.name);
    // Each entry jumps to its concern, opened, so the missing practices are one click away.
    const jump = button(text, () => revealConcern(concern.id), { className: 'link-button' });
    list.appendChild(el('li', {}, withFocusKey(jump, `behind:${concern.id}`)));
  }
  summary.append(el('p', { className: 'section-label', text: labels.evidenceBehind }), list);
  return summary;
}

function concernsSection(model: SidebarStageModel, labels: Labels): HTMLElement[] {
  const compareLabel = model.next ? `${labels.compareWithNext} (${model.next.shortName})` : labels.compareWithNext;
  const toggle = withFocusKey(
    button(
      compareLabel,
      () => {
        state.compare = !state.compare;
        saveState(state);
        render();
      },
      {
        className: 'switch',
        iconName: state.compare ? 'pass-filled' : 'circle-large-outline',
        attrs: { role: 'switch', 'aria-checked': String(state.compare) },
      },
    ),
    'compare',
  );
  const list = el('ul', { className: 'concerns', attrs: { role: 'list', 'aria-label': labels.concernsHeading } });
  for (const concern of model.concerns) list.appendChild(concernItem(concern, labels));
  list.addEventListener('keydown', moveFocusBetweenConcerns);
  return [el('div', { className: 'toolbar' }, toggle), el('h2', { className: 'visually-hidden', text: labels.concernsHeading }), list];
}

function concernItem(concern: ConcernView, labels: Labels): HTMLLIElement {
  const expanded = state.expanded.includes(concern.id);
  const bodyId = `concern-body-${concern.id}`;
  const buttonId = `concern-button-${concern.id}`;
  const disclosure = el(
    'button',
    {
      className: 'disclosure',
      attrs: {
        type: 'button',
        id: buttonId,
        'aria-expanded': String(expanded),
        'aria-controls': bodyId,
        'data-focus-key': `concern:${concern.id}`,
      },
    },
    icon(expanded ? 'chevron-down' : 'chevron-right'),
    el('span', { className: 'concern-name', text: concern.name }),
    concern.stageOverridden
      ? el('span', {
          className: 'tag',
          text: concern.stage.shortName,
          attrs: { title: formatLabel(labels.stageOverridden, concern.stage.name) },
        })
      : undefined,
    concern.observed ? badge(concern.observed.badge, labels) : undefined,
  );
  disclosure.addEventListener('click', () => toggleConcern(concern.id));

  const body = el(
    'div',
    { className: 'concern-body', attrs: { id: bodyId, role: 'region', 'aria-labelledby': buttonId } },
    el('h4', { className: 'section-label', text: labels.practices }),
    practiceList(concern.practices, labels),
    state.compare && concern.next
      ? el(
          'div',
          { className: 'next-practices' },
          el(
            'h4',
            { className: 'section-label' },
            el('span', { className: 'next-badge', text: labels.nextBadge }),
            ` ${formatLabel(labels.newPracticesAt, concern.next.stage.shortName)}`,
          ),
          practiceList(concern.next.newPractices, labels, { next: true, emptyText: labels.noNewPractices }),
        )
      : undefined,
  );
  body.hidden = !expanded;

  return el(
    'li',
    { className: 'concern', attrs: { 'data-concern': concern.id } },
    el('h3', { className: 'concern-heading' }, disclosure),
    el('p', {
      className: concern.textFromTeam ? 'cell-text from-team' : 'cell-text',
      text: concern.text,
      attrs: concern.textFromTeam ? { title: labels.fromTeamMatrix } : {},
    }),
    observedLine(concern, labels),
    state.compare ? nextBlock(concern, labels) : undefined,
    body,
  );
}

/** "Observed: Prototype"; for a concern with gaps below its first stage, that none is reached yet. An Unknown badge says enough alone. */
function observedLine(concern: ConcernView, labels: Labels): HTMLElement | undefined {
  const observed = concern.observed;
  if (!observed || (!observed.stage && observed.badge !== 'gaps')) return undefined;
  return el('p', {
    className: 'observed muted',
    text: observed.stage ? formatLabel(labels.observedStage, observed.stage.shortName) : labels.observedNone,
  });
}

/** The next stage's text for a concern, marked "Next" in words and in colour. */
function nextBlock(concern: ConcernView, labels: Labels): HTMLElement {
  if (!concern.next) return el('p', { className: 'next-block muted', text: formatLabel(labels.noNextStage, concern.stage.shortName) });
  return el(
    'div',
    { className: 'next-block' },
    el(
      'p',
      { className: 'next-heading' },
      el('span', { className: 'next-badge', text: labels.nextBadge }),
      ` ${concern.next.stage.shortName}`,
    ),
    el('p', { className: concern.next.textFromTeam ? 'cell-text from-team' : 'cell-text', text: concern.next.text }),
  );
}

function badge(kind: ConcernBadge, labels: Labels): HTMLElement {
  const text = { met: labels.badgeMet, gaps: labels.badgeGaps, unknown: labels.badgeUnknown }[kind];
  return el('span', { className: `badge badge-${kind}`, text });
}

/** Opens a concern and moves the focus (and the view) to its button. */
function revealConcern(id: string): void {
  if (!state.expanded.includes(id)) {
    state.expanded = [...state.expanded, id];
    saveState(state);
    render();
  }
  const target = document.getElementById(`concern-button-${id}`);
  target?.focus();
  target?.scrollIntoView({ block: 'start' });
}

function toggleConcern(id: string): void {
  state.expanded = state.expanded.includes(id) ? state.expanded.filter((other) => other !== id) : [...state.expanded, id];
  saveState(state);
  render();
}

/** Arrow keys, Home and End move between the concern buttons (Enter and Space toggle, as on any button). */
function moveFocusBetweenConcerns(event: KeyboardEvent): void {
  const target = event.target as HTMLElement;
  if (!target.classList.contains('disclosure')) return;
  const buttons = Array.from(root.querySelectorAll<HTMLButtonElement>('button.disclosure'));
  const index = buttons.indexOf(target as HTMLButtonElement);
  const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
  if (next === undefined || !buttons[next]) return;
  event.preventDefault();
  buttons[next].focus();
}

function withFocusKey<T extends HTMLElement>(element: T, key: string): T {
  element.dataset.focusKey = key;
  return element;
}
