import { isMap, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import { isStageId, STAGE_IDS } from '../stages';
import type { StageId } from '../stages';
import { LocatedYaml } from '../stageFile/yamlProblems';
import type { StageFileProblem } from '../stageFile/types';
import type { Cell, Concern, Matrix, Practice } from './types';

const CONCERN_ID = /^[a-z][a-z0-9-]*$/;

export interface TeamMatrixResult {
  /** The built-in matrix extended by the team's valid parts. */
  matrix: Matrix;
  /** Problems located in the team matrix file. */
  problems: StageFileProblem[];
}

/**
 * Extends a matrix with a team's file: override a cell's text, add practices
 * to a cell, or add a whole concern. Validated like `.stage.yml`: every
 * problem is located, and valid parts still apply.
 *
 * Format:
 *   concerns:
 *     - id: security              # an existing concern: change some cells
 *       cells:
 *         mvp:
 *           text: "…"             # optional: replaces the cell's text
 *           practices:            # optional: added after the built-in ones
 *             - { id: …, title: …, rationale: …, link: … }
 *     - id: compliance            # a new concern: name and all five cells' text
 *       name: Compliance
 *       cells: { prototype: { text: … }, mvp: …, production: …, scale: …, enterprise: … }
 */
export function extendMatrix(base: Matrix, teamText: string): TeamMatrixResult {
  const yaml = new LocatedYaml(teamText);
  const matrix: Matrix = { ...base, concerns: base.concerns.map(cloneConcern) };
  const root = yaml.document?.contents;
  if (!isMap(root)) {
    yaml.report('bad-matrix', 'A team matrix must be a map with a "concerns" list.', yaml.rangeOf(root as Node | undefined));
    return { matrix, problems: yaml.problems };
  }
  const practiceIds = new Set(matrix.concerns.flatMap((c) => STAGE_IDS.flatMap((s) => c.cells[s].practices.map((p) => p.id))));
  for (const { key, pair } of yaml.entries(root)) {
    if (key !== 'concerns') {
      yaml.report('unknown-key', `Unknown key "${key}" in a team matrix; it takes "concerns".`, yaml.rangeOf(pair.key));
      continue;
    }
    if (!isSeq(pair.value)) {
      yaml.report('bad-matrix', '"concerns" must be a list.', yaml.rangeOf(pair.value, pair.key));
      continue;
    }
    for (const item of pair.value.items) new ConcernMerger(yaml, matrix, practiceIds).merge(item as Node, pair.key);
  }
  return { matrix, problems: yaml.problems };
}

function cloneConcern(concern: Concern): Concern {
  const cells = {} as Record<StageId, Cell>;
  for (const stage of STAGE_IDS) cells[stage] = { ...concern.cells[stage], practices: [...concern.cells[stage].practices] };
  return { ...concern, cells };
}

class ConcernMerger {
  constructor(
    private readonly yaml: LocatedYaml,
    private readonly matrix: Matrix,
    private readonly practiceIds: Set<string>,
  ) {}

  merge(item: Node, fallback: Node): void {
    if (!isMap(item)) {
      this.yaml.report('bad-matrix', 'Each concern must be a map with "id" and "cells".', this.yaml.rangeOf(item, fallback));
      return;
    }
    const entries = new Map(this.yaml.entries(item).map((entry) => [entry.key, entry.pair] as const));
    for (const [key, pair] of entries) {
      if (!['id', 'name', 'cells'].includes(key))
        this.yaml.report('unknown-key', `Unknown concern key "${key}"; use id, name, cells.`, this.yaml.rangeOf(pair.key));
    }
    const idPair = entries.get('id');
    const id = idPair ? this.yaml.stringValue(idPair, 'A concern\'s "id"') : undefined;
    if (!idPair) this.yaml.report('missing-field', 'A concern needs an "id".', this.yaml.rangeOf(item));
    if (id === undefined) return;
    if (!CONCERN_ID.test(id)) {
      this.yaml.report('bad-matrix', `Concern id "${id}" must be lower-case words joined by "-".`, this.yaml.rangeOf(idPair?.value));
      return;
    }
    const existing = this.matrix.concerns.find((concern) => concern.id === id);
    const cellsPair = entries.get('cells');
    if (existing) {
      const namePair = entries.get('name');
      if (namePair) {
        const name = this.yaml.stringValue(namePair, 'A concern\'s "name"');
        if (name !== undefined) existing.name = name;
      }
      if (cellsPair) this.mergeCells(existing, cellsPair, false);
      return;
    }
    this.addConcern(id, item, entries, cellsPair);
  }

  private addConcern(
    id: string,
    item: Node,
    entries: Map<string, Pair<Node, Node | null>>,
    cellsPair: Pair<Node, Node | null> | undefined,
  ): void {
    const namePair = entries.get('name');
    const name = namePair ? this.yaml.stringValue(namePair, 'A concern\'s "name"') : undefined;
    if (!namePair) this.yaml.report('missing-field', `New concern "${id}" needs a "name".`, this.yaml.rangeOf(item));
    if (!cellsPair) this.yaml.report('missing-field', `New concern "${id}" needs "cells" for all five stages.`, this.yaml.rangeOf(item));
    if (name === undefined || !cellsPair) return;
    const concern: Concern = { id, name, origin: 'team', cells: {} as Record<StageId, Cell> };
    for (const stage of STAGE_IDS) concern.cells[stage] = { text: '', practices: [] };
    const given = this.mergeCells(concern, cellsPair, true);
    const missing = STAGE_IDS.filter((stage) => !given.has(stage));
    if (missing.length > 0) {
      this.yaml.report(
        'missing-field',
        `New concern "${id}" needs text for every stage; missing: ${missing.join(', ')}.`,
        this.yaml.rangeOf(cellsPair.key),
      );
      return;
    }
    this.matrix.concerns.push(concern);
  }

  /** Applies cell overrides; returns the stages whose text was set. */
  private mergeCells(concern: Concern, cellsPair: Pair<Node, Node | null>, isNew: boolean): Set<StageId> {
    const withText = new Set<StageId>();
    if (!isMap(cellsPair.value)) {
      this.yaml.report('bad-matrix', '"cells" must map stage ids to {text, practices}.', this.yaml.rangeOf(cellsPair.value, cellsPair.key));
      return withText;
    }
    for (const { key, pair } of this.yaml.entries(cellsPair.value)) {
      if (!isStageId(key)) {
        this.yaml.report('unknown-stage', `"${key}" is not a stage id (${STAGE_IDS.join(', ')}).`, this.yaml.rangeOf(pair.key));
        continue;
      }
      if (!isMap(pair.value)) {
        this.yaml.report('bad-matrix', 'A cell must be a map with "text" and/or "practices".', this.yaml.rangeOf(pair.value, pair.key));
        continue;
      }
      const cell = concern.cells[key];
      for (const field of this.yaml.entries(pair.value)) {
        if (field.key === 'text') {
          const text = this.yaml.stringValue(field.pair, 'A cell\'s "text"');
          if (text !== undefined) {
            cell.text = text;
            if (!isNew) cell.overridden = true;
            withText.add(key);
          }
        } else if (field.key === 'practices') {
          cell.practices.push(...this.practices(field.pair));
        } else {
          this.yaml.report('unknown-key', `Unknown cell key "${field.key}"; use text, practices.`, this.yaml.rangeOf(field.pair.key));
        }
      }
    }
    return withText;
  }

  private practices(pair: Pair<Node, Node | null>): Practice[] {
    if (!isSeq(pair.value)) {
      this.yaml.report('bad-matrix', '"practices" must be a list.', this.yaml.rangeOf(pair.value, pair.key));
      return [];
    }
    const out: Practice[] = [];
    for (const item of pair.value.items) {
      if (!isMap(item)) {
        this.yaml.report('bad-matrix', 'A practice must be a map with id, title and rationale.', this.yaml.rangeOf(item as Node, pair.key));
        continue;
      }
      const fields = new Map(this.yaml.entries(item).map((entry) => [entry.key, entry.pair] as const));
      const read = (key: string) => {
        const field = fields.get(key);
        return field ? this.yaml.stringValue(field, `A practice's "${key}"`) : undefined;
      };
      const [id, title, rationale, link] = [read('id'), read('title'), read('rationale'), read('link')];
      for (const key of fields.keys()) {
        if (!['id', 'title', 'rationale', 'link'].includes(key))
          this.yaml.report('unknown-key', `Unknown practice key "${key}".`, this.yaml.rangeOf(fields.get(key)?.key));
      }
      if (id === undefined || title === undefined || rationale === undefined) {
        if (!fields.has('id') || !fields.has('title') || !fields.has('rationale')) {
          this.yaml.report('missing-field', 'A practice needs "id", "title" and "rationale".', this.yaml.rangeOf(item));
        }
        continue;
      }
      if (this.practiceIds.has(id)) {
        this.yaml.report('bad-matrix', `Practice id "${id}" is already used.`, this.yaml.rangeOf(fields.get('id')?.value));
        continue;
      }
      this.practiceIds.add(id);
      const practice: Practice = { id, title, rationale, origin: 'team' };
      if (link !== undefined) practice.link = link;
      out.push(practice);
    }
    return out;
  }
}
