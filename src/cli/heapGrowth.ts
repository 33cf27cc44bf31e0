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

/** Flags that say the user chose the heap's growth themselves (on node's command line or in NODE_OPTIONS): then left alone. */
const USER_CHOICES = ['--heap-growing-percent', '--heap_growing_percent', '--optimize-for-size', '--optimize_for_size'];

/** Sets V8's heap growth for this process unless the user set it; true when it did (`setFlags` injectable for tests). */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  const given = [...execArgv, ...nodeOptions.split(' ')];
  if (given.some((flag) => USER_CHOICES.some((choice) => flag === choice || flag.startsWith(`${choice}=`)))) return false;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
