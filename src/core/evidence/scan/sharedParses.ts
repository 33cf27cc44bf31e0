import { fnv1a } from '../../textHashes';

/**
 * Parses shared by files with the same text. A repository holds copies —
 * the same manifest in a quickstart and a release bundle, the same config
 * in every service made from one template — and a monorepo's scan reads the
 * repository's workflows and pipelines again for every service nested in it.
 * A copy's parse is the same parse (it depends on the text alone), so it is
 * made once and handed to every copy (readers and rules only read it).
 *
 * Bounded: a text is kept only once it has been seen twice (its hash noted
 * the first time), only while among the last `capacity` such texts, and only
 * below `maxLength` characters; so a text that recurs is parsed at most twice,
 * and a tree of unique files keeps nothing but a set of hashes.
 */
export class SharedParses<Parse> {
  private readonly seen = new Set<number>();
  /** Least recently used first (a Map iterates in insertion order). */
  private readonly parses = new Map<string, Parse>();
  private keptLength = 0;
  hits = 0;

  constructor(
    private readonly capacity = 256,
    private readonly maxLength = 64 * 1024,
    private readonly maxKeptLength = 4 * 1024 * 1024,
  ) {}

  /** Lets every kept parse go, and the texts seen (the scans that shared them have ended: see scanLifetime.ts). */
  forget(): void {
    this.parses.clear();
    this.seen.clear();
    this.keptLength = 0;
  }

  get(text: string, parse: (text: string) => Parse): Parse {
    if (this.parses.has(text)) {
      const shared = this.parses.get(text) as Parse;
      this.parses.delete(text);
      this.parses.set(text, shared);
      this.hits++;
      return shared;
    }
    const parsed = parse(text);
    if (text.length > this.maxLength) return parsed;
    const hash = fnv1a(text);
    if (!this.seen.has(hash)) {
      // A hash set of a few hundred thousand texts is a few MB; past that, start again.
      if (this.seen.size >= 500_000) this.seen.clear();
      this.seen.add(hash);
      return parsed;
    }
    this.parses.set(text, parsed);
    this.keptLength += text.length;
    for (const oldest of this.parses.keys()) {
      if (this.parses.size <= this.capacity && this.keptLength <= this.maxKeptLength) break;
      this.parses.delete(oldest);
      this.keptLength -= oldest.length;
    }
    return parsed;
  }
}
