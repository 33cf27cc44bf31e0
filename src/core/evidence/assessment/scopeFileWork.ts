import type { CoreFileSystem } from '../../fileSystem';
import { builtinSignalCatalog } from '../catalog/signalCatalog';
import { readScopeFile, scopeFactsOf } from '../scan/fileWork';
import type { FileJob, ScopeFileContext, WorkedFile } from '../scan/fileWorkTypes';
import { structuredInterestFor } from '../signals/structuredInterest';
import { fileProducts, withoutDeferredParse } from './fileProducts';

/**
 * The work a scan hands over for one file of a scope (the CLI runs it in worker threads): read it, run its
 * readers, make its products as scanScope makes them (fileProducts), and return plain data. Nothing is kept
 * between files but the scope's file list (and the parse of a text seen twice, as in any scan).
 */
export function scopeFileWorker(context: ScopeFileContext): (fs: CoreFileSystem, file: FileJob) => Promise<WorkedFile> {
  const scope = scopeFactsOf(context);
  const interest = structuredInterestFor(builtinSignalCatalog());
  return (fs, file) => readScopeFile(fs, file, scope, interest, (read, facts) => withoutDeferredParse(fileProducts(read, facts)));
}
