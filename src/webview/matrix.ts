// The "Stage Matrix" panel: every concern at all five stages in one table, the governing
// stage's column highlighted (and, where `.stage.yml` overrides a concern's stage, that cell).
import { formatLabel } from '../shared/messages';
import type { Labels, MatrixCellView, MatrixModel } from '../shared/messages';
import { el, icon, replaceChildren } from './lib/dom';
import { connectView } from './lib/host';
import { rememberScroll } from './lib/scrollMemory';
import { openFileButton } from './lib/parts';

const root = document.getElementById('root') as HTMLElement;
const restoreScroll = rememberScroll();

connectView('matrix', (model, labels) => {
  replaceChildren(root, intro(model, labels), el('div', { className: 'table-scroll' }, table(model, labels)));
  restoreScroll();
});

function intro(model: MatrixModel, labels: Labels): HTMLElement {
  return el(
    'header',
    { className: 'matrix-header' },
    el('h1', { text: model.title }),
    model.stageFile
      ? el(
          'p',
          { className: 'stage-source' },
          el('span', { text: formatLabel(labels.governedBy, model.stageFile.label) }),
          openFileButton(labels.openStageFile, { uri: model.stageFile.uri }, 'go-to-file', 'link-button'),
        )
      : el('p', { className: 'muted', text: labels.matrixNoStageFile }),
  );
}

function table(model: MatrixModel, labels: Labels): HTMLTableElement {
  const headRow = el('tr', {}, el('th', { attrs: { scope: 'col' }, text: labels.matrixConcern }));
  for (const stage of model.stages) {
    headRow.appendChild(
      el(
        'th',
        { className: stage.governing ? 'governing' : undefined, attrs: { scope: 'col', 'data-stage': stage.id } },
        el('span', { className: 'stage-short', text: stage.shortName }),
        el('span', { className: 'stage-full', text: stage.name }),
        stage.governing ? el('span', { className: 'governing-mark' }, icon('location'), ` ${labels.matrixGoverning}`) : undefined,
      ),
    );
  }
  const body = el('tbody');
  for (const concern of model.concerns) {
    const row = el('tr', { attrs: { 'data-concern': concern.id } }, el('th', { attrs: { scope: 'row' }, text: concern.name }));
    concern.cells.forEach((cell, index) => row.appendChild(cellElement(cell, model.stages[index]?.governing === true, labels)));
    body.appendChild(row);
  }
  return el(
    'table',
    { className: 'matrix' },
    el('caption', { className: 'visually-hidden', text: model.title }),
    el('thead', {}, headRow),
    body,
  );
}

function cellElement(cell: MatrixCellView, inGoverningColumn: boolean, labels: Labels): HTMLTableCellElement {
  const classes = [inGoverningColumn ? 'governing' : '', cell.governing && !inGoverningColumn ? 'governing-cell' : '']
    .filter(Boolean)
    .join(' ');
  const td = el(
    'td',
    { className: classes || undefined, attrs: { 'data-stage': cell.stage } },
    el('p', {
      className: cell.textFromTeam ? 'cell-text from-team' : 'cell-text',
      text: cell.text,
      attrs: cell.textFromTeam ? { title: labels.fromTeamMatrix } : {},
    }),
    // A concern whose stage `.stage.yml` overrides: say so in words, not only by the outline.
    cell.governing && !inGoverningColumn
      ? el('span', { className: 'governing-mark' }, icon('location'), ` ${labels.matrixGoverning}`)
      : undefined,
  );
  if (cell.practices.length > 0) {
    const list = el('ul', { className: 'cell-practices' });
    for (const practice of cell.practices) list.appendChild(el('li', { text: practice.title }));
    td.appendChild(list);
  }
  return td;
}
