import { setFlagsFromString } from 'node:v8';

/**
 * How far past what is live V8 lets the `stage-guide` process's heap grow before its next full collection:
 * 1 + this / 100 times (here 1.5×).
 *
 * By default V8 picks the factor itself, up to 4× when the heap limit is 2 GB or more (node's default on a
 * machine with 16 GB of memory). A scan of a large workspace holds about 120 MB while it reads the biggest
 * service (every config file's findings wait for the one deployment model of all services) and makes several
 * gigabytes of short-lived parse trees; with the default factor the heap swelled to 2.3× what was live (peak RSS
 * 350–370 MB on the 100k-file bench workspace, issue 13); with 1.5× it stays within 300 MB. Collections come
 * more often, each of the same live set. The flag is read at every collection, so setting it as the process
 * starts is enough (no `node` flag in the bin's shebang, which `env` cannot pass portably).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * How many times V8 may grow the young generation (where new objects start) when many survive a scavenge: 1 keeps
 * it at its starting size (two semi-spaces of 1 MB on 64-bit node) instead of doubling up to 16 MB each. A scan's
 * garbage is parse trees that die within a file, so small semi-spaces cost little: on the 100k-file bench workspace
 * (issue 13) the peak RSS of one thread fell from 277 to 224 MB, and with a worker thread (which shares the flag,
 * as V8's flags are per process) from 339 to 278 MB. Read whenever V8 would grow the space, so setting it as the
 * process starts is enough.
 */
export const SEMI_SPACE_GROWTH_FACTOR = 1;

/** Flags that say the user chose the heap's growth themselves (on node's command line or in NODE_OPTIONS): then left alone. */
const HEAP_CHOICES = ['--heap-growing-percent', '--heap_growing_percent', '--optimize-for-size', '--optimize_for_size'];
/** The same for the young generation's size. */
const YOUNG_CHOICES = [
  '--semi-space-growth-factor',
  '--semi_space_growth_factor',
  '--max-semi-space-size',
  '--max_semi_space_size',
  '--min-semi-space-size',
  '--min_semi_space_size',
  '--optimize-for-size',
  '--optimize_for_size',
];

/**
 * Bounds V8's heap growth and the young generation's for this process unless the user chose them; true when it set
 * either (`setFlags` injectable for tests).
 */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  const given = [...execArgv, ...nodeOptions.split(' ')];
  const chose = (choices: readonly string[]) =>
    given.some((flag) => choices.some((choice) => flag === choice || flag.startsWith(`${choice}=`)));
  let set = false;
  if (!chose(HEAP_CHOICES)) {
    setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    set = true;
  }
  if (!chose(YOUNG_CHOICES)) {
    setFlags(`--semi-space-growth-factor=${SEMI_SPACE_GROWTH_FACTOR}`);
    set = true;
  }
  return set;
}
