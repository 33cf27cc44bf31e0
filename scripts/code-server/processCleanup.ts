// Last-resort cleanup of the processes the editor tests start (code-server, Chromium).
// The normal path stops them in `finally` blocks; this covers Ctrl-C, SIGTERM from CI,
// and a test runner that exits while something is still running.

type Killer = () => void;

const killers = new Set<Killer>();
let handlersInstalled = false;

/**
 * Registers a synchronous killer for a started process. Returns the function that
 * unregisters it once the process has been stopped normally.
 */
export function registerForCleanup(kill: Killer): () => void {
  installHandlers();
  killers.add(kill);
  return () => killers.delete(kill);
}

function killAll(): void {
  for (const kill of [...killers]) {
    killers.delete(kill);
    try {
      kill();
    } catch {
      // Already gone: nothing left to stop.
    }
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAll);
  for (const [signal, number] of [
    ['SIGINT', 2],
    ['SIGTERM', 15],
    ['SIGHUP', 1],
  ] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + number);
    });
  }
}

/** Kills a process group led by `pid` (started with `detached: true`), ignoring "no such process". */
export function killProcessGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
