import type { Random } from './random';

/** One service of the generated monorepo: what its files are written from. */
export interface Service {
  index: number;
  name: string;
  /** Relative to the workspace root ("services/orders-api"). */
  dir: string;
  language: 'node' | 'go' | 'python' | 'java';
  port: number;
  /** Owns a database (migrations, a Postgres in compose, an RDS instance). */
  database: boolean;
  /** Has an HTTP API described by openapi.yaml. */
  api: boolean;
  /** A web front end with translation files. */
  localized: boolean;
  /** The team adopted Stage Guide in this service folder too (its own .stage.yml). */
  ownStageFile: boolean;
}

/** A file to write: path relative to the workspace root, and its text. */
export type GeneratedFile = [path: string, text: string];

const DOMAINS = ['orders', 'billing', 'catalog', 'users', 'search', 'checkout', 'inventory', 'shipping', 'notifications', 'reports'];
const SUFFIXES = ['api', 'worker', 'web', 'gateway', 'sync', 'scheduler'];
const LANGUAGES: readonly Service['language'][] = ['node', 'node', 'go', 'python', 'java'];

export function makeServices(count: number, random: Random): Service[] {
  const services: Service[] = [];
  for (let index = 0; index < count; index++) {
    const domain = DOMAINS[index % DOMAINS.length];
    const suffix = SUFFIXES[Math.floor(index / DOMAINS.length) % SUFFIXES.length];
    const round = Math.floor(index / (DOMAINS.length * SUFFIXES.length));
    const name = `${domain}-${suffix}${round > 0 ? `-${round + 1}` : ''}`;
    const language = random.pick(LANGUAGES);
    services.push({
      index,
      name,
      dir: `services/${name}`,
      language,
      port: 8080 + (index % 20),
      database: random.chance(0.5),
      api: suffix === 'api' || suffix === 'gateway' || random.chance(0.3),
      localized: suffix === 'web' || random.chance(0.15),
      ownStageFile: index % 5 === 2,
    });
  }
  return services;
}
