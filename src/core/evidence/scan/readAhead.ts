/**
 * Loads items a few ahead of the one being processed, so the disk (or the
 * remote file system of a virtual workspace) works while the readers parse
 * the file before. Items are still handed out strictly in order, one
 * `take(index)` per index, so the scan's results do not depend on timing.
 */
export class ReadAhead<Item, Loaded> {
  private readonly pending = new Map<number, Promise<Loaded>>();
  private started = 0;

  constructor(
    private readonly items: readonly Item[],
    private readonly load: (item: Item) => Promise<Loaded>,
    private readonly depth = 16,
  ) {}

  /** The loaded item `index`; starts the loads of the next `depth` items. A failed load rejects here, never unhandled. */
  async take(index: number): Promise<Loaded> {
    while (this.started < this.items.length && this.started <= index + this.depth) {
      const promise = this.load(this.items[this.started]);
      // Awaited below when its turn comes; until then a rejection must not count as unhandled.
      promise.catch(() => undefined);
      this.pending.set(this.started, promise);
      this.started++;
    }
    const promise = this.pending.get(index);
    if (!promise) throw new Error(`ReadAhead: item ${index} taken twice or out of range`);
    this.pending.delete(index);
    return promise;
  }
}
