import { posixBasename } from '../../../fileSystem';
import { holds } from '../observation';
import type { Observation } from '../observation';
import type { Derivation } from './context';

/**
 * What a Redis-compatible store is for. Job queues keep their jobs in Redis
 * (BullMQ, RQ, Sidekiq, Celery with a `redis://` broker): then Redis is the
 * queue, not a cache, and a Redis client or server says nothing about
 * caching. Without such a queue, a Redis client or server is taken for a
 * cache (the common reason to run one). Cache libraries (django-redis,
 * Spring Cache…) count as caches either way: they are matched as data.
 *
 * Celery counts as a Redis-backed queue only when its broker URL, in a
 * compose file or a .env example, points at Redis: with RabbitMQ, Redis
 * beside it may well be a cache.
 */
export const redisRoleSignals: Derivation = {
  signals: ['cache.in-use', 'queue.redis-backed'],
  reads: ['redis.store', 'queue.redis-backed'],
  derive({ facts, dataObservations }) {
    const observations: Observation[] = [];
    const celery = facts.dependencies.find((dependency) => dependency.ecosystem === 'pypi' && dependency.name === 'celery');
    const broker = facts.settings.find((setting) => setting.what === 'redis-broker-url');
    if (celery && broker)
      observations.push(
        holds('queue.redis-backed', broker.at, `Celery's broker ${broker.value} (${posixBasename(broker.at.path)}) is Redis`),
      );
    const queueOnRedis = observations.length > 0 || dataObservations('queue.redis-backed').some((observation) => observation.holds);
    if (queueOnRedis) return observations;
    for (const store of dataObservations('redis.store'))
      if (store.holds)
        observations.push(holds('cache.in-use', store.at, `${store.detail} (Redis, taken for a cache: no job queue uses it)`));
    return observations;
  },
};
