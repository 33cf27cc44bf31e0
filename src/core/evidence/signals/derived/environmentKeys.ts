/**
 * Environment variable names that carry a database connection: the
 * twelve-factor way of "the connection string comes from the environment".
 */
export const DATABASE_ENV_KEY =
  /^(?:[A-Z0-9_]*_)?(?:DATABASE_(?:URL|URI|DSN|HOST)|DB_(?:URL|URI|DSN|HOST)|POSTGRES(?:QL)?_(?:URL|URI|DSN|HOST)|PG_?HOST|PGDATABASE|MYSQL_(?:URL|HOST)|MONGO(?:DB)?_(?:URL|URI|HOST)|SQLALCHEMY_DATABASE_URI|SPRING_DATASOURCE_URL|JDBC_URL)$/i;
