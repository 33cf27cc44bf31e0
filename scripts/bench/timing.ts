/** What every bench measures with: milliseconds of one call, and the median of a set of runs. */

/** Wall milliseconds of one call of `fn` (high-resolution clock). */
export function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** CPU milliseconds (user + system) of this process during one call of `fn`: on a shared machine, wall time is partly waiting. */
export function cpuTime(fn: () => unknown): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The median of the runs (the upper one of an even count): one slow run under load does not move it. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
