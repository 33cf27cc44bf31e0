import amqp from 'amqplib';
import pino from 'pino';

const log = pino();
const connection = await amqp.connect(process.env.AMQP_URL ?? 'amqp://localhost');
const channel = await connection.createChannel();
await channel.assertQueue('orders', { durable: true });
await channel.prefetch(10);
await channel.consume('orders', async (message) => {
  if (!message) return;
  try {
    log.info({ orderId: message.properties.messageId }, 'fulfilling order');
    channel.ack(message);
  } catch (error) {
    log.error({ err: error }, 'fulfilment failed');
    // Requeued for another try; failures that never succeed still need a dead-letter queue.
    channel.nack(message, false, true);
  }
});
