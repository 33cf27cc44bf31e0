/**
 * Well-known ports of databases, caches, search engines and brokers: services
 * that trust their network and must not be reachable from outside the host.
 */
const DATASTORE_PORTS: ReadonlyMap<number, string> = new Map([
  [5432, 'PostgreSQL'],
  [3306, 'MySQL/MariaDB'],
  [33060, 'MySQL X protocol'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [26257, 'CockroachDB'],
  [27017, 'MongoDB'],
  [27018, 'MongoDB'],
  [27019, 'MongoDB'],
  [5984, 'CouchDB'],
  [9042, 'Cassandra'],
  [8086, 'InfluxDB'],
  [8123, 'ClickHouse'],
  [7474, 'Neo4j'],
  [7687, 'Neo4j'],
  [8529, 'ArangoDB'],
  [28015, 'RethinkDB'],
  [6379, 'Redis'],
  [11211, 'Memcached'],
  [9200, 'Elasticsearch/OpenSearch'],
  [9300, 'Elasticsearch/OpenSearch'],
  [5672, 'RabbitMQ'],
  [15672, 'RabbitMQ management'],
  [9092, 'Kafka'],
  [2181, 'ZooKeeper'],
  [4222, 'NATS'],
  [1883, 'MQTT'],
]);

/** The first well-known datastore port within an inclusive range. */
export function datastoreInRange(from: number, to: number): { port: number; name: string } | undefined {
  if (!(to >= from) || to - from > 65535) return undefined;
  for (const [port, name] of DATASTORE_PORTS) {
    if (port >= from && port <= to) return { port, name };
  }
  return undefined;
}
