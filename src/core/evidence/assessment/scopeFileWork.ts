import type { CoreFileSystem } from '../../fileSystem';
import { builtinSignalCatalog } from '../catalog/signalCatalog';
import { readScopeFile, scopeFactsOf } from '../scan/fileWork';
import type { FileJob, ScopeFileContext, WorkedFile } from '../scan/fileWorkTypes';
import { structuredInterestFor } from '../signals/structuredInterest';
import { fileProducts } from './fileProducts';
import type { FileProducts } from './fileProducts';

/**
 * The work a scan hands over for one file of a scope (the CLI runs it in worker threads): read it, run its
 * readers, make its products as scanScope makes them (fileProducts), and return plain data. Nothing is kept
 * between files but the scope's file list (and the parse of a text seen twice, as in any scan).
 */
export function scopeFileWorker(context: ScopeFileContext): (fs: CoreFileSystem, file: FileJob) => Promise<WorkedFile> {
  const scope = scopeFactsOf(context);
  const interest = structuredInterestFor(builtinSignalCatalog());
  return (fs, file) => readScopeFile(fs, file, scope, interest, (read, facts) => transferable(fileProducts(read, facts)));
}

/**
 * Products as they cross to the scan: a deferred YAML analysis goes without its parse (a tree of the `yaml`
 * library's classes), and the scan's analysis parses the text again once the workspace facts are known.
 * Only GitHub workflows and GitLab CI files are deferred with a parse: a few per service.
 */
function transferable(products: FileProducts): FileProducts {
  const deferred = products.deferred;
  if (!deferred || !('parsed' in deferred)) return products;
  return { ...products, deferred: { path: deferred.path, text: deferred.text } };
}
