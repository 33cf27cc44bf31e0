import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root (this file lives in test/unit/foundation). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** The repo's byte-identical copy of the seed table. */
export const SEED_FIXTURE = resolve(REPO_ROOT, 'test', 'fixtures', 'system-design-by-stage.tsv');

/** Where the original seed lives when the repo sits beside the shared folder. */
export const SHARED_SEED = resolve(REPO_ROOT, '..', 'shared', 'seed', 'system-design-by-stage.tsv');

export interface SeedTable {
  /** The five stage display names, left to right. */
  stageNames: string[];
  /** One row per concern: its name (first column) and its five cells, verbatim. */
  rows: Array<{ name: string; cells: string[] }>;
}

/**
 * Reads the seed TSV: title lines come first, the header row starts with
 * "Concern", and every following non-empty line is a concern row. Cells are
 * kept exactly as written (no trimming), because the matrix must be verbatim.
 */
export function readSeedTable(path = SEED_FIXTURE): SeedTable {
  const lines = readFileSync(path, 'utf8').split('\n');
  const headerIndex = lines.findIndex((line) => line.startsWith('Concern\t'));
  if (headerIndex < 0) throw new Error(`${path}: no header row starting with "Concern"`);
  const stageNames = lines[headerIndex].split('\t').slice(1);
  const rows = lines
    .slice(headerIndex + 1)
    .filter((line) => line.length > 0)
    .map((line) => {
      const [name, ...cells] = line.split('\t');
      return { name, cells };
    });
  return { stageNames, rows };
}

/** Concern ids in the seed's row order, as issue 2 names them. */
export const CONCERN_IDS = [
  'goal',
  'architecture',
  'tech-stack',
  'database',
  'scalability',
  'fault-tolerance',
  'security',
  'testing-deployment',
  'monitoring-logging',
  'cost-efficiency',
  'data-processing',
  'inter-service-communication',
] as const;

export const STAGE_ORDER = ['prototype', 'mvp', 'production', 'scale', 'enterprise'] as const;
