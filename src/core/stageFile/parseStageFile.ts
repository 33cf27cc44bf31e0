import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import { resolveStageName, suggestStageNames, editDistance } from '../matrix/stageAliases';
import type { Matrix } from '../matrix/types';
import { compareStages } from '../stages';
import type { StageId } from '../stages';
import { globProblem } from './globs';
import { LocatedYaml } from './yamlProblems';
import { RULE_LEVELS } from './types';
import type { ParsedStageFile, RuleLevel, StageConfig, Waiver } from './types';

export const STAGE_FILE_KEYS = ['stage', 'next', 'name', 'concerns', 'rules', 'ignore', 'waivers', 'matrix'] as const;
const WAIVER_KEYS = ['rule', 'paths', 'reason', 'until'];

export interface ParseStageFileOptions {
  /** The matrix whose stages and concerns are valid (the built-in one, or merged with a team matrix). */
  matrix: Matrix;
  /** Rule ids that exist; when given, unknown ids under `rules`/`waivers` are reported. */
  knownRuleIds?: ReadonlySet<string>;
  /** Today as YYYY-MM-DD, for waiver expiry. */
  today: string;
}

/**
 * Parses `.stage.yml`. Never throws: every problem comes back located, and
 * the valid parts still apply (a bad `rules:` entry does not lose `stage:`).
 */
export function parseStageFile(text: string, options: ParseStageFileOptions): ParsedStageFile {
  const yaml = new LocatedYaml(text);
  const config: StageConfig = { concerns: {}, rules: {}, ignore: [], waivers: [] };
  const root = yaml.document?.contents;
  if (root === null || root === undefined || (isScalar(root) && (root.value === null || root.value === ''))) {
    if (!yaml.problems.some((problem) => problem.code === 'invalid-yaml')) {
      yaml.report('missing-stage', 'The file is empty: add "stage: mvp" (or another stage).', yaml.firstLineRange());
    }
    return { config, problems: yaml.problems };
  }
  if (!isMap(root)) {
    yaml.report('not-a-map', 'The file must be a map of keys, e.g. "stage: mvp".', yaml.rangeOf(root));
    return { config, problems: yaml.problems };
  }
  const reader = new StageFileReader(yaml, options, config);
  let sawStage = false;
  for (const { key, pair } of yaml.entries(root)) {
    if (key === 'stage') sawStage = true;
    reader.readKey(key, pair);
  }
  if (!sawStage) yaml.report('missing-stage', 'The required key "stage" is missing.', yaml.rangeOf(root.items[0]?.key as Node, root));
  reader.checkNextAfterStage(root);
  return { config, problems: yaml.problems };
}

class StageFileReader {
  constructor(
    private readonly yaml: LocatedYaml,
    private readonly options: ParseStageFileOptions,
    private readonly config: StageConfig,
  ) {}

  readKey(key: string, pair: Pair<Node, Node | null>): void {
    switch (key) {
      case 'stage':
      case 'next': {
        const stage = this.stage(pair, key);
        if (stage) this.config[key] = stage;
        return;
      }
      case 'name': {
        const name = this.yaml.stringValue(pair, '"name"');
        if (name !== undefined) this.config.name = name;
        return;
      }
      case 'matrix': {
        const path = this.yaml.stringValue(pair, '"matrix" (a path to a team matrix file)');
        if (path !== undefined) this.config.matrix = path;
        return;
      }
      case 'concerns':
        return this.concerns(pair);
      case 'rules':
        return this.rules(pair);
      case 'ignore':
        this.config.ignore = this.globList(pair.value, pair.key, '"ignore"');
        return;
      case 'waivers':
        return this.waivers(pair);
      default: {
        const close = STAGE_FILE_KEYS.filter((known) => editDistance(known, key.toLowerCase()) <= 2);
        const hint = close.length > 0 ? ` Did you mean "${close[0]}"?` : ` Known keys: ${STAGE_FILE_KEYS.join(', ')}.`;
        this.yaml.report('unknown-key', `Unknown key "${key}".${hint}`, this.yaml.rangeOf(pair.key), close);
      }
    }
  }

  checkNextAfterStage(root: unknown): void {
    const { stage, next } = this.config;
    if (stage && next && compareStages(next, stage) <= 0) {
      const pair = isMap(root) ? root.items.find((item) => isScalar(item.key) && item.key.value === 'next') : undefined;
      this.yaml.report(
        'next-not-after',
        `"next" (${next}) should be a later stage than "stage" (${stage}).`,
        this.yaml.rangeOf(pair?.value as Node),
      );
    }
  }

  private stage(pair: Pair<Node, Node | null>, what: string): StageId | undefined {
    const value = pair.value;
    if (what === 'stage' && (value === null || (isScalar(value) && (value.value === null || String(value.value).trim() === '')))) {
      this.yaml.report(
        'missing-stage',
        'The required key "stage" has no value: write e.g. "stage: mvp".',
        this.yaml.rangeOf(value, pair.key),
      );
      return undefined;
    }
    const written = this.yaml.stringValue(pair, `"${what}"`);
    if (written === undefined) return undefined;
    return this.stageFromText(written, pair.value as Node, what);
  }

  private stageFromText(written: string, node: Node, what: string): StageId | undefined {
    const stage = resolveStageName(this.options.matrix, written);
    if (stage) return stage;
    const suggestions = suggestStageNames(this.options.matrix, written);
    const hint =
      suggestions.length > 0
        ? ` Did you mean "${suggestions[0]}"?`
        : ` Use one of: ${this.options.matrix.stages.map((s) => s.id).join(', ')}.`;
    this.yaml.report('unknown-stage', `Unknown stage "${written}" for ${what}.${hint}`, this.yaml.rangeOf(node), suggestions);
    return undefined;
  }

  private mapEntries(pair: Pair<Node, Node | null>, what: string) {
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) return [];
    if (!isMap(pair.value)) {
      this.yaml.report('wrong-type', `${what} must be a map.`, this.yaml.rangeOf(pair.value, pair.key));
      return [];
    }
    return this.yaml.entries(pair.value);
  }

  private concerns(pair: Pair<Node, Node | null>): void {
    const concernIds = this.options.matrix.concerns.map((concern) => concern.id);
    for (const entry of this.mapEntries(pair, '"concerns" (concern: stage)')) {
      if (!concernIds.includes(entry.key)) {
        const close = concernIds.filter((id) => editDistance(id, entry.key.toLowerCase()) <= 3);
        const hint = close.length > 0 ? ` Did you mean "${close[0]}"?` : '';
        this.yaml.report('unknown-concern', `Unknown concern "${entry.key}".${hint}`, this.yaml.rangeOf(entry.pair.key), close);
        continue;
      }
      const stage = this.stage(entry.pair, `concern "${entry.key}"`);
      if (stage) this.config.concerns[entry.key] = stage;
    }
  }

  private rules(pair: Pair<Node, Node | null>): void {
    for (const entry of this.mapEntries(pair, '"rules" (rule-id: off|info|warning|error)')) {
      if (!this.checkRuleId(entry.key, entry.pair.key)) continue;
      const level = isScalar(entry.pair.value) ? String(entry.pair.value.value).toLowerCase() : undefined;
      if (level && (RULE_LEVELS as readonly string[]).includes(level)) {
        this.config.rules[entry.key] = level as RuleLevel;
      } else {
        this.yaml.report(
          'bad-rule-level',
          `Rule level must be one of ${RULE_LEVELS.join(', ')}.`,
          this.yaml.rangeOf(entry.pair.value, entry.pair.key),
          [...RULE_LEVELS],
        );
      }
    }
  }

  private checkRuleId(ruleId: string, node: Node): boolean {
    const known = this.options.knownRuleIds;
    if (!known || known.has(ruleId)) return true;
    const close = [...known].filter((id) => editDistance(id, ruleId) <= 3).slice(0, 3);
    const hint = close.length > 0 ? ` Did you mean "${close[0]}"?` : '';
    this.yaml.report('unknown-rule', `Unknown rule "${ruleId}".${hint}`, this.yaml.rangeOf(node), close);
    return false;
  }

  private globList(value: Node | null, fallback: Node, what: string): string[] {
    if (value === null || (isScalar(value) && value.value === null)) return [];
    const items = isSeq(value) ? value.items : isScalar(value) ? [value] : undefined;
    if (!items) {
      this.yaml.report('wrong-type', `${what} must be a list of path globs.`, this.yaml.rangeOf(value, fallback));
      return [];
    }
    const globs: string[] = [];
    for (const item of items) {
      if (!isScalar(item) || typeof item.value !== 'string') {
        this.yaml.report('wrong-type', `Each entry of ${what} must be a path glob string.`, this.yaml.rangeOf(item as Node, fallback));
        continue;
      }
      const problem = globProblem(item.value);
      if (problem) this.yaml.report('bad-glob', problem, this.yaml.rangeOf(item));
      else globs.push(item.value);
    }
    return globs;
  }

  private waivers(pair: Pair<Node, Node | null>): void {
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) return;
    if (!isSeq(pair.value)) {
      this.yaml.report('wrong-type', '"waivers" must be a list of {rule, paths, reason, until}.', this.yaml.rangeOf(pair.value, pair.key));
      return;
    }
    for (const item of pair.value.items) {
      const waiver = this.waiver(item as Node, pair.key);
      if (waiver) this.config.waivers.push(waiver);
    }
  }

  private waiver(item: Node, fallback: Node): Waiver | undefined {
    if (!isMap(item)) {
      this.yaml.report(
        'wrong-type',
        'A waiver must be a map with rule, reason and optionally paths and until.',
        this.yaml.rangeOf(item, fallback),
      );
      return undefined;
    }
    const range = this.yaml.rangeOf(item);
    const waiver: Partial<Waiver> & { paths: string[]; expired: boolean } = { paths: [], expired: false, range };
    let valid = true;
    const entries = this.yaml.entries(item);
    for (const { key, pair } of entries) {
      if (key === 'rule') {
        const rule = this.yaml.stringValue(pair, 'A waiver\'s "rule"');
        if (rule !== undefined && this.checkRuleId(rule, pair.value as Node)) waiver.rule = rule;
        else valid = false;
      } else if (key === 'reason') {
        const reason = this.yaml.stringValue(pair, 'A waiver\'s "reason"');
        if (reason !== undefined) waiver.reason = reason;
      } else if (key === 'paths') {
        const reported = this.yaml.problems.length;
        waiver.paths = this.globList(pair.value, pair.key, 'a waiver\'s "paths"');
        // Empty paths means "the whole folder": a rejected glob must not widen the waiver to that.
        if (this.yaml.problems.length > reported) valid = false;
      } else if (key === 'until') {
        const until = this.date(pair);
        if (until === undefined) valid = false;
        else {
          waiver.until = until;
          waiver.expired = until < this.options.today;
          if (waiver.expired)
            this.yaml.report(
              'waiver-expired',
              `This waiver expired on ${until} and no longer applies.`,
              this.yaml.rangeOf(pair.value, pair.key),
            );
        }
      } else {
        const close = WAIVER_KEYS.filter((known) => editDistance(known, key) <= 2);
        this.yaml.report(
          'unknown-key',
          `Unknown waiver key "${key}". Waivers take ${WAIVER_KEYS.join(', ')}.`,
          this.yaml.rangeOf(pair.key),
          close,
        );
      }
    }
    const present = new Set(entries.map((entry) => entry.key));
    for (const required of ['rule', 'reason'] as const) {
      // A present-but-invalid field was already reported where it stands.
      if (!present.has(required)) this.yaml.report('missing-field', `A waiver needs a "${required}".`, range);
    }
    return valid && waiver.rule !== undefined && waiver.reason !== undefined ? (waiver as Waiver) : undefined;
  }

  private date(pair: Pair<Node, Node | null>): string | undefined {
    const value = isScalar(pair.value) ? String(pair.value.value ?? '') : '';
    if (isRealIsoDate(value)) return value;
    this.yaml.report('bad-date', `"until" must be a date written YYYY-MM-DD, not "${value}".`, this.yaml.rangeOf(pair.value, pair.key));
    return undefined;
  }
}

/** True for a real calendar date in YYYY-MM-DD (rejects 2025-02-30). */
export function isRealIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Today in UTC as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
