/** What every bench measures with: milliseconds of one call, and the median of a set of runs. */

/** Wall milliseconds of one call of `fn` (high-resolution clock). */
export function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median of the runs (the upper one of an even count): one slow run under load does not move it. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
