// Mocha global fixtures for `npm run test:unit` (required by .mocharc.unit.cjs): the hostile suites'
// CLI bundle, with the file worker the file-worker suite starts beside it, is made once in mocha's
// main process before the parallel workers start (they inherit the environment variable naming it),
// instead of once per suite in each worker, and removed after the run. Workers load this file too
// but never run global fixtures.
import { bundleForRun, removeRunBundle } from './cappedCli';

export const mochaGlobalSetup = bundleForRun;
export const mochaGlobalTeardown = removeRunBundle;
