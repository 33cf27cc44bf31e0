import { parseImageReference } from '../containerImage';
import type { YamlEntries } from '../yaml/yamlEdits';

/**
 * Healthcheck `test` commands for well-known images, so the inserted template
 * works as written for the usual databases and brokers. Anything else gets an
 * HTTP probe the user must point at the service's real health endpoint.
 */
const KNOWN_TESTS: ReadonlyArray<{ repositories: readonly string[]; test: string }> = [
  { repositories: ['postgres', 'postgis/postgis', 'bitnami/postgresql', 'timescale/timescaledb'], test: '["CMD", "pg_isready"]' },
  { repositories: ['mysql', 'bitnami/mysql'], test: '["CMD", "mysqladmin", "ping", "-h", "localhost"]' },
  { repositories: ['mariadb'], test: '["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]' },
  { repositories: ['redis', 'bitnami/redis', 'valkey/valkey'], test: '["CMD", "redis-cli", "ping"]' },
  { repositories: ['mongo', 'bitnami/mongodb'], test: '["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand(\'ping\')"]' },
  { repositories: ['rabbitmq', 'bitnami/rabbitmq'], test: '["CMD", "rabbitmq-diagnostics", "-q", "ping"]' },
];

/** Written as YAML source: the trailing comment tells the user this one needs adapting. */
const GENERIC_TEST = '["CMD-SHELL", "wget -qO- http://localhost:8080/health || exit 1"]  # point at the real health endpoint';

/** The `healthcheck:` entries for a service running `image` (when known). */
export function healthcheckEntries(image: string | undefined): YamlEntries {
  const repository = image ? parseImageReference(image)?.repository.replace(/^library\//, '') : undefined;
  const known = KNOWN_TESTS.find((entry) => repository !== undefined && entry.repositories.includes(repository));
  return {
    test: known ? known.test : GENERIC_TEST,
    interval: '30s',
    timeout: '5s',
    retries: '3',
    start_period: '20s',
  };
}
