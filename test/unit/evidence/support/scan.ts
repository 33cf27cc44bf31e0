import { builtinSignalCatalog } from '../../../../src/core/evidence/catalog/signalCatalog';
import type { EvidenceFacts } from '../../../../src/core/evidence/facts';
import { collectFacts } from '../../../../src/core/evidence/scan/collectFacts';
import { evaluateSignals } from '../../../../src/core/evidence/signals/evaluateSignals';
import type { SignalResult } from '../../../../src/core/evidence/signals/evaluateSignals';
import { join } from 'node:path';
import { nodeFileSystem, toCorePath } from '../../../../src/cli/nodeFileSystem';
import { TreeFileSystem, tree } from './treeFileSystem';

export const ROOT = '/ws';

/** Collects facts from a small tree rooted at /ws (also the workspace root unless `workspaceRoot` says otherwise). */
export async function factsOf(files: Record<string, string>, root = ROOT, workspaceRoot = root): Promise<EvidenceFacts> {
  const fs = new TreeFileSystem(tree(ROOT, files));
  const result = await collectFacts({ fs, root, workspaceRoot, catalog: builtinSignalCatalog() });
  return result.facts;
}

/** Every signal of a small tree rooted at /ws. */
export async function signalsOf(files: Record<string, string>, root = ROOT, workspaceRoot = root): Promise<Map<string, SignalResult>> {
  return evaluateSignals(builtinSignalCatalog(), await factsOf(files, root, workspaceRoot));
}

/** The signal's result; throws on an id not in the catalogue (so a typo fails the test). */
export function signal(results: Map<string, SignalResult>, id: string): SignalResult {
  const result = results.get(id);
  if (!result) throw new Error(`no signal ${id} in data/signals.yml`);
  return result;
}

/** "path:line detail" for each evidence item, path relative to /ws, 1-based line (readable assertions). */
export function places(items: ReadonlyArray<{ path: string; line?: number; detail: string }>): string[] {
  return items.map((item) => `${item.path.replace(`${ROOT}/`, '')}${item.line === undefined ? '' : `:${item.line + 1}`} ${item.detail}`);
}

/** Every signal of a fixture workspace on disk (test/fixtures/…), scanned as its own workspace root. */
export async function signalsOfFolder(root: string): Promise<Map<string, SignalResult>> {
  const catalog = builtinSignalCatalog();
  const { facts } = await collectFacts({ fs: nodeFileSystem, root, workspaceRoot: root, catalog });
  return evaluateSignals(catalog, facts);
}

/** The absolute POSIX path of a fixture under test/fixtures/evidence. */
export function evidenceFixture(...segments: string[]): string {
  return toCorePath(join(__dirname, '..', '..', '..', 'fixtures', 'evidence', ...segments));
}

/** `places` for evidence of a workspace on disk: paths relative to its root. */
export function placesIn(root: string, items: ReadonlyArray<{ path: string; line?: number; detail: string }>): string[] {
  return items.map((item) => `${item.path.replace(`${root}/`, '')}${item.line === undefined ? '' : `:${item.line + 1}`} ${item.detail}`);
}
