// Feeds a peer from Kafka the way Vigil's bridge feeds RabbitMQ: a consumer group reads the
// benchmark's scores topic and publishes each record to the peer's broker, routed by tenant.
//   node feeder.mjs <topic> <group> rabbit   — STOMP SEND to /topic/<tenant>.scores (amq.topic) over Web-STOMP
//   node feeder.mjs <topic> <group> socketio <redis key prefix> — @socket.io/redis-emitter to room <tenant>.scores
import { Kafka, logLevel } from 'kafkajs';
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';
import { Emitter } from '@socket.io/redis-emitter';
import { createClient } from 'redis';

const [topic, group, sink, key] = process.argv.slice(2);

async function rabbitSink() {
  const client = new Client({
    webSocketFactory: () => new WebSocket('ws://127.0.0.1:15674/ws', ['v12.stomp']),
    connectHeaders: { login: 'vigil-gateway', passcode: 'vigil-gateway-dev', host: 'vigil' },
    reconnectDelay: 500, debug: () => {},
  });
  await new Promise((resolve) => { client.onConnect = resolve; client.activate(); });
  return (tenant, body) => client.publish({
    destination: `/topic/${tenant}.scores`, body, headers: { 'content-type': 'application/json' },
  });
}

async function socketIoSink() {
  const redis = createClient({ url: 'redis://127.0.0.1:6379' });
  await redis.connect();
  const emitter = new Emitter(redis, { key });
  return (tenant, body) => emitter.to(`${tenant}.scores`).emit('scores', body);
}

const publish = sink === 'rabbit' ? await rabbitSink() : await socketIoSink();
const kafka = new Kafka({ clientId: group, brokers: ['127.0.0.1:9092'], logLevel: logLevel.WARN });
const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 20 });
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: false });
consumer.on(consumer.events.GROUP_JOIN, () => process.send && process.send({ ready: true }));
await consumer.run({
  eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
    for (const m of batch.messages) {
      const body = m.value.toString();
      // the tenant is the first key segment, as in Vigil's keys (<tenant>/<type>/<id>)
      publish(m.key.toString().split('/')[0], body);
      resolveOffset(m.offset);
    }
    await heartbeat();
  },
});
console.log(`feeder ${sink} consuming ${topic}`);
const stop = async () => { await consumer.disconnect().catch(() => {}); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
