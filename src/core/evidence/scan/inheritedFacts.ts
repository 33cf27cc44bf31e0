import type { EvidenceFacts } from '../facts';

/**
 * What the readers made of a repository-level file, shared by every service
 * that inherits it. A monorepo's scan reads the repository's workflows,
 * pipelines, lockfiles and CODEOWNERS again for each nested service (see
 * inheritedFiles.ts); what the readers make of such a file depends on its
 * path and text alone, so the services' facts hold the same fact objects
 * (readers and signals only read them) instead of one copy each: the
 * memory of those facts no longer grows with services × repository files.
 *
 * Bounded: at most `capacity` files and `maxKeptLength` characters of text
 * (kept to compare: a changed file is read again), least recently used out.
 */
export class InheritedFacts {
  private readonly entries = new Map<string, { text: string; delta: FactsDelta }>();
  private keptLength = 0;
  hits = 0;

  constructor(
    private readonly capacity = 2048,
    private readonly maxKeptLength = 16 * 1024 * 1024,
  ) {}

  /** The facts remembered for this file, when its text is the one they were made from. */
  recall(path: string, text: string): FactsDelta | undefined {
    const entry = this.entries.get(path);
    if (!entry || entry.text !== text) return undefined;
    this.entries.delete(path);
    this.entries.set(path, entry);
    this.hits++;
    return entry.delta;
  }

  remember(path: string, text: string, delta: FactsDelta): void {
    const previous = this.entries.get(path);
    if (previous) {
      this.entries.delete(path);
      this.keptLength -= previous.text.length;
    }
    if (text.length > this.maxKeptLength) return;
    this.entries.set(path, { text, delta });
    this.keptLength += text.length;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.capacity && this.keptLength <= this.maxKeptLength) break;
      this.entries.delete(oldest);
      this.keptLength -= entry.text.length;
    }
  }
}

/** The lists of EvidenceFacts (dependencies, ci, settings…): what a reader adds to. */
type FactList = { [K in keyof EvidenceFacts]-?: EvidenceFacts[K] extends unknown[] ? K : never }[keyof EvidenceFacts];

/** For each list of the facts, the items one file added. */
export type FactsDelta = ReadonlyArray<readonly [FactList, readonly unknown[]]>;

/** How long each list is now (before a file's readers run). */
export function factListLengths(facts: EvidenceFacts): Map<FactList, number> {
  const lengths = new Map<FactList, number>();
  for (const [key, value] of Object.entries(facts)) if (Array.isArray(value)) lengths.set(key as FactList, value.length);
  return lengths;
}

/** What each list gained since `lengths` were taken. */
export function factsAddedSince(facts: EvidenceFacts, lengths: ReadonlyMap<FactList, number>): FactsDelta {
  const delta: Array<readonly [FactList, readonly unknown[]]> = [];
  for (const [key, before] of lengths) {
    const list = facts[key] as unknown[];
    if (list.length > before) delta.push([key, list.slice(before)]);
  }
  // At its length (see yamlTree.ts): a cache keeps a delta per file.
  return delta.slice();
}

/** Adds the remembered items to the facts, as the readers added them. */
export function addFacts(facts: EvidenceFacts, delta: FactsDelta): void {
  for (const [key, items] of delta) (facts[key] as unknown[]).push(...items);
}
