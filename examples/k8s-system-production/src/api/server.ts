import * as Sentry from '@sentry/node';
import Fastify from 'fastify';
import pRetry from 'p-retry';
import { collectDefaultMetrics, register } from 'prom-client';
import { CheckoutRequest } from '../domain/checkout.js';

Sentry.init({ dsn: process.env.SENTRY_DSN });
collectDefaultMetrics();

const app = Fastify({ logger: true });

app.get('/healthz', async () => ({ ok: true }));
app.get('/metrics', async (_request, reply) => reply.type(register.contentType).send(await register.metrics()));

app.post('/v1/checkout', async (request, reply) => {
  const body = CheckoutRequest.parse(request.body);
  const payment = await pRetry(() => fetch(`${process.env.PAYMENTS_API_URL}/charges`, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(3000) }), { retries: 2 });
  return reply.code(payment.ok ? 201 : 402).send({ status: payment.ok ? 'paid' : 'declined' });
});

const close = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', close);

await app.listen({ host: '0.0.0.0', port: Number(process.env.PORT ?? 8080) });
