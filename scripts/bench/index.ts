// `npm run bench`: the benchmarks, each reporting ratios measured in one run against a
// reference on the same input (never timed assertions). Not part of the tests.
// From source the core reads data/ through the node adapter (bundles embed it).
import '../../src/cli/sourceShippedData';
import { runAnalysisBench } from './analysisBench';
import { runExtensionBench } from './extensionBench';
import { runScanBench } from './scanBench';

async function main(): Promise<void> {
  // The scan first: its memory is measured over the process's footprint, which the analysis bench's garbage would inflate.
  await runScanBench();
  console.log('');
  runAnalysisBench();
  console.log('');
  runExtensionBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
