// A large workspace's scan in bounded memory: V8's heap bounds are set before anything else loads (see heapGrowth.ts).
import './heapBoundFirst';
// Running from source the shipped data is read from data/; a bundle carries it embedded and never calls this reader.
import './sourceShippedData';
import { runCli } from './runCli';
import { processTerminal } from './terminal';

/** Entry point of the `stage-guide` binary: a thin adapter over the core. */

// `stage-guide show | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
runCli(process.argv.slice(2), { term: processTerminal(), cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`stage-guide: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
