import { posixBasename } from '../../fileSystem';
import type { FileDigest } from '../../deployment/types';
import type { FileAnalysis } from '../../rules/types';
import type { TimeSlicer } from '../scan/cancellation';
import type { ScanCache } from '../scan/scanCache';
import { movedLinesBetween } from '../scan/movedLines';
import { sameValueWithin } from '../scan/sameValue';

/**
 * How a new deployment model's digests compare with those the last judgement was made by:
 * - `same`: the same values, so every judgement stands;
 * - `linesMoved`: the same but for the lines of the places in some files (an edit that inserts or removes lines
 *   and changes nothing the model records): every judgement that names none of those files stands (see
 *   judgementStands);
 * - undefined: anything else (a file added, removed or changed in what the model records), so everything is judged
 *   again.
 *
 * Why a judgement that names none of the moved files stands: the judge decides by what the model records (roles,
 * settings, copies, targets, who builds an image), never by a line number; lines only reach its output as places:
 * `related` entries (`path` and `line`) and the text `describePlace` writes (`compose.yaml:12`, a role's
 * `Makefile:4`). A Dockerfile's findings are recognised across copies by their line (`ruleId|message|line`): a
 * moved line there changes a string of its digest, which is not a moved line here. Tested on every fixture
 * workspace against a scan without the cache (test/unit/evidence/judgementReuse.test.ts).
 */
export type DigestsCompared = { kind: 'same' } | { kind: 'linesMoved'; files: MovedFiles };

/** The files whose places moved, by path, and what text naming a place in one ends with before its line (`compose.yaml:`). */
export interface MovedFiles {
  paths: ReadonlySet<string>;
  placeMarks: readonly string[];
}

/**
 * Compares the digests slice by slice (a pause point every 256), within `budget` values as one sameValue of the lists
 * would count them; undefined past it.
 */
export async function compareDigests(
  before: readonly FileDigest[],
  after: readonly FileDigest[],
  budget: number,
  slicer: TimeSlicer,
): Promise<DigestsCompared | undefined> {
  const left = { budget: budget - 1 };
  if (left.budget < 0 || before.length !== after.length) return undefined;
  const moved = new Set<string>();
  for (let index = 0; index < before.length; index++) {
    if ((index & 255) === 0) await slicer.maybeYield();
    const [was, is] = [before[index], after[index]];
    if (sameValueWithin(was, is, left)) continue;
    if (left.budget < 0 || was.path !== is.path) return undefined;
    if (!movedLinesBetween(was, is, was.type === 'compose' ? { lineRecords: COMPOSE_LINE_RECORDS } : {})) return undefined;
    moved.add(is.path);
  }
  if (moved.size === 0) return { kind: 'same' };
  return { kind: 'linesMoved', files: { paths: moved, placeMarks: [...new Set([...moved].map((path) => `${posixBasename(path)}:`))] } };
}

/** A compose service records the line of each key it sets (`keys`). */
const COMPOSE_LINE_RECORDS: ReadonlySet<string> = new Set(['keys']);

/**
 * Whether a finding's judgement by the last model stands when the places of `moved` files moved: it names none of
 * them (no place with their path, no text with `name:` of one of them). `analysis` is what was judged: its own
 * hovers are its file's (which did not change), so only what the judge added to them is read.
 */
export function judgementStands(judged: FileAnalysis, analysis: FileAnalysis, moved: MovedFiles): boolean {
  if (judged === analysis) return true;
  const names = (text: string | undefined) => text !== undefined && moved.placeMarks.some((mark) => text.includes(mark));
  // What the judge writes from the model (judgeAnalysis): a finding's message and steps (the copies, what the deployment
  // provides), its role and its related places; the rest of a finding is its file's, kept or dropped whole.
  for (const finding of judged.findings) {
    if (names(finding.message) || names(finding.role?.reason)) return false;
    if (finding.steps?.some((step) => names(step.message))) return false;
    if (finding.related?.some((place) => moved.paths.has(place.path) || names(place.message))) return false;
  }
  for (let index = analysis.anchors.length; index < judged.anchors.length; index++) if (names(judged.anchors[index].note)) return false;
  return true;
}

/**
 * Analyses judged by a model (`after`), and those judged by an earlier model (`before`) made of the same digests, or of
 * the same but for some files' lines (`stands` then tells which judgements stand: judgementStands): a rescan judges
 * again only the analyses that changed, and those that name a file whose lines moved.
 */
export interface Judgements {
  before?: WeakMap<FileAnalysis, FileAnalysis>;
  stands?: (judged: FileAnalysis, analysis: FileAnalysis) => boolean;
  after: WeakMap<FileAnalysis, FileAnalysis>;
}

/** A judgement the editor's cache keeps: the digests of the model it was made by, and each analysis it judged. */
export interface LastJudgement {
  digests: readonly FileDigest[];
  analyses: WeakMap<FileAnalysis, FileAnalysis>;
}

/** Past this many values, comparing two models' digests gives up (and everything is judged again). */
const MAX_COMPARED_DIGEST_VALUES = 5_000_000;

/**
 * What a judgement by a model of `digests` may take from `last`: every judgement when the digests are the same values
 * (`same`: the judgements are `last`'s, and so is the map they go on in), those that name no file whose lines alone
 * moved, or none. `judgements.after` is the map this judgement fills, for the next.
 */
export async function judgementsAfter(
  last: LastJudgement | undefined,
  digests: readonly FileDigest[],
  slicer: TimeSlicer,
): Promise<{ judgements: Judgements; same: boolean }> {
  const compared = last === undefined ? undefined : await compareDigests(last.digests, digests, MAX_COMPARED_DIGEST_VALUES, slicer);
  if (last && compared?.kind === 'same') return { judgements: { before: last.analyses, after: last.analyses }, same: true };
  const after = new WeakMap<FileAnalysis, FileAnalysis>();
  if (last && compared?.kind === 'linesMoved') {
    const moved = compared.files;
    return {
      judgements: { before: last.analyses, stands: (judged, analysis) => judgementStands(judged, analysis, moved), after },
      same: false,
    };
  }
  return { judgements: { after }, same: false };
}

/**
 * The Stage view's service, judged again after a rescan (assessScope in the editor): its judgements by the last model
 * that stand by `model` (judgementsAfter), this judgement kept in the cache for the next. Undefined without a cache, or
 * with a rule catalogue of the caller's.
 */
export async function judgementsByLastModel(
  scanned: { root: string; slicer: TimeSlicer },
  model: { digests: readonly FileDigest[] },
  options: { cache?: ScanCache; ruleCatalog?: unknown },
): Promise<Judgements | undefined> {
  const cache = options.cache;
  if (!cache || options.ruleCatalog) return undefined;
  // Beside the service's scan record (keyed by its root): a key no path is.
  const key = `\u0000judged ${scanned.root}`;
  const { judgements } = await judgementsAfter(cache.scopeRecord(key) as LastJudgement | undefined, model.digests, scanned.slicer);
  cache.rememberScope(key, { digests: model.digests, analyses: judgements.after } satisfies LastJudgement);
  return judgements;
}
