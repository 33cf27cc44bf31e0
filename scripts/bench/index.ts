// `npm run bench`: the benchmarks, each reporting ratios measured in one run against a
// reference on the same input (never timed assertions). Not part of the tests.
// From source the core reads data/ through the node adapter (bundles embed it).
import '../../src/cli/sourceShippedData';
import { runAnalysisBench } from './analysisBench';
import { runCheckBench } from './checkBench';
import { runExtensionBench } from './extensionBench';
import { runTerraformBench } from './terraformBench';

async function main(): Promise<void> {
  // The check bench first: it measures child processes, and builds dist/ for them.
  await runCheckBench();
  console.log('');
  runAnalysisBench();
  console.log('');
  runTerraformBench();
  console.log('');
  runExtensionBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
