// `npm run bench`: the benchmarks, each reporting ratios measured in one run against a
// reference on the same input (never timed assertions). Not part of the tests.
import { runAnalysisBench } from './analysisBench';
import { runScanBench } from './scanBench';

async function main(): Promise<void> {
  runAnalysisBench();
  console.log('');
  await runScanBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
