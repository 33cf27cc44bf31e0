import { isMap, isPair, isScalar } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { parseDocumentsWithinLimits, nestingMessage } from '../rules/yaml/nestingLimit';
import { PositionMapper } from '../text';
import type { Range } from '../text';
import { STAGE_FILE_PROBLEMS } from './problemCodes';
import type { StageFileProblemCode } from './problemCodes';
import type { StageFileProblem } from './types';

/**
 * Shared plumbing for the two user-written YAML files Stage Guide validates
 * (`.stage.yml` and team matrices): parse with ranges, collect located
 * problems, and read keys without ever throwing.
 */
export class LocatedYaml {
  readonly problems: StageFileProblem[] = [];
  readonly mapper: PositionMapper;
  readonly document: Document.Parsed | undefined;

  constructor(readonly text: string) {
    // Bounded: a deep nesting or an alias bomb in a repository's file is a problem, never a crash.
    const { documents: docs, tooDeepAt } = parseDocumentsWithinLimits(text, { uniqueKeys: false });
    this.mapper = new PositionMapper(text);
    if (tooDeepAt !== undefined)
      this.report('invalid-yaml', `Invalid YAML: ${nestingMessage()}.`, this.offsetRange(tooDeepAt, tooDeepAt + 1));
    this.document = docs[0];
    for (const doc of docs) {
      for (const error of doc.errors) {
        this.report('invalid-yaml', `Invalid YAML: ${firstLine(error.message)}`, this.offsetRange(error.pos[0], error.pos[1]));
      }
    }
    if (docs.length > 1) {
      const second = docs[1];
      const start = second.range?.[0] ?? 0;
      this.report('multiple-documents', 'Only the first YAML document is read; remove the others.', this.offsetRange(start, start + 3));
    }
  }

  report(code: StageFileProblemCode, message: string, range: Range, suggestions?: string[]): void {
    const problem: StageFileProblem = { code, message, severity: STAGE_FILE_PROBLEMS[code].severity, range };
    if (suggestions && suggestions.length > 0) problem.suggestions = suggestions;
    this.problems.push(problem);
  }

  offsetRange(start: number, end: number): Range {
    // An empty range at the end of a line is invisible in editors; widen it to one character where possible.
    const safeEnd = end > start ? end : Math.min(start + 1, this.text.length);
    return this.mapper.range(Math.min(start, this.text.length), safeEnd);
  }

  rangeOf(node: Node | null | undefined, fallback?: Node | null): Range {
    const target = node?.range ? node : fallback;
    if (target?.range) return this.offsetRange(target.range[0], target.range[1]);
    return this.offsetRange(0, this.text.indexOf('\n') >= 0 ? this.text.indexOf('\n') : this.text.length);
  }

  /** Range of the first line: where file-level problems ("missing stage") point. */
  firstLineRange(): Range {
    const end = this.text.indexOf('\n');
    return this.offsetRange(0, end >= 0 ? end : this.text.length);
  }

  /**
   * The root map's entries, reporting duplicates (the second occurrence is
   * ignored) and non-scalar keys.
   */
  entries(map: unknown): Array<{ key: string; pair: Pair<Node, Node | null> }> {
    if (!isMap(map)) return [];
    const seen = new Set<string>();
    const out: Array<{ key: string; pair: Pair<Node, Node | null> }> = [];
    for (const item of (map as YAMLMap<Node, Node | null>).items) {
      if (!isPair(item)) continue;
      const pair = item as Pair<Node, Node | null>;
      if (!isScalar(pair.key)) {
        this.report('wrong-type', 'Keys must be plain names.', this.rangeOf(pair.key as Node));
        continue;
      }
      const key = String(pair.key.value);
      if (seen.has(key)) {
        this.report('duplicate-key', `Duplicate key "${key}": the first one is used.`, this.rangeOf(pair.key));
        continue;
      }
      seen.add(key);
      out.push({ key, pair });
    }
    return out;
  }

  /** A scalar string value, or a `wrong-type` problem. Empty/null values are reported as wrong-type too. */
  stringValue(pair: Pair<Node, Node | null>, what: string): string | undefined {
    const value = pair.value;
    if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) {
      const text = String(value.value);
      if (text.trim().length > 0) return text;
    }
    this.report('wrong-type', `${what} must be a non-empty string.`, this.rangeOf(value, pair.key));
    return undefined;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
