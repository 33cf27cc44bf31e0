// Required by .mocharc.unit.cjs after src/cli/sourceShippedData.ts: in `npm run test:unit`'s workers the core reads
// the shipped data as the bundles embed it (each data file's JSON, made from data/*.yml once for the run by the
// global fixture that bundles the CLI: test/unit/hostile/sharedBundle.ts), instead of each worker parsing
// data/*.yml again (about a CPU-second each). That the embedded form is exactly what data/*.yml parses to is
// test/unit/foundation/shippedData.test.ts's job (it reads data/ itself, through dataFolderSource). Without the
// run's file (a single file run, or mocha's main process before the global fixture) the YAML source stays.
import { existsSync, readFileSync } from 'node:fs';
import { dataFolderSource } from '../../../src/cli/sourceShippedData';
import { registerShippedDataSource } from '../../../src/core/shippedData';
import { EMBEDDED_DATA_ENV } from '../hostile/cappedCli';

const file = process.env[EMBEDDED_DATA_ENV];
if (file && existsSync(file)) {
  let embedded: Record<string, string> | undefined;
  const data = (): Record<string, string> => (embedded ??= JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  registerShippedDataSource({
    // A fresh object per read, as the YAML source gives; a file the build does not embed is read from data/.
    read: (relativePath) =>
      Object.prototype.hasOwnProperty.call(data(), relativePath) ? JSON.parse(data()[relativePath]) : dataFolderSource.read(relativePath),
    list: (folder) => dataFolderSource.list(folder),
  });
}
