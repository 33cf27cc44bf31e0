/**
 * The order of a view's overlapping refreshes (each reads files, so they can finish out of order): a result is shown
 * unless a newer refresh's result was shown first. Dropping every result but the latest started one instead starves the
 * view while changes keep coming faster than a refresh finishes (a scan's progress fires every 250 ms, and a refresh
 * reads the disk): none is shown until they stop. Plain TypeScript (no vscode): unit-tested.
 */
export class NewestResult {
  private started = 0;
  private shown = 0;

  /** A refresh starts: its number, to ask `mayShow` with once its result is ready. */
  begin(): number {
    return ++this.started;
  }

  /** True when the result of refresh `run` may be shown (no newer one was), and notes it as shown. */
  mayShow(run: number): boolean {
    if (run < this.shown) return false;
    this.shown = run;
    return true;
  }
}
