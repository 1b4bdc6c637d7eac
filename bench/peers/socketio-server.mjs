// The Socket.IO peer, written plainly from Socket.IO's documentation: an HTTP server with
// Socket.IO 4, the Redis adapter (so several nodes share rooms through Redis pub/sub), a JWT
// check in a connection middleware (same HS256 tokens and claims as Vigil's gateway) and one room
// per tenant topic. Started twice (one process per core) by the benchmark, each on its own port.
//   node socketio-server.mjs <port> <redis key prefix>
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { verifyToken } from './loadgen/common.mjs';

const port = Number(process.argv[2]);
const key = process.argv[3];
const secret = process.env.BENCH_JWT_SECRET;

const pubClient = createClient({ url: 'redis://127.0.0.1:6379' });
const subClient = pubClient.duplicate();
await Promise.all([pubClient.connect(), subClient.connect()]);

const httpServer = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404).end();
});
const io = new Server(httpServer, {
  adapter: createAdapter(pubClient, subClient, { key }),
  cors: { origin: [/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/] },
  serveClient: false,
});

io.use((socket, next) => {
  const claims = verifyToken(secret, socket.handshake.auth && socket.handshake.auth.token);
  if (!claims || !claims.sub || !claims.tenant) return next(new Error('Unauthorized'));
  socket.data.user = claims.sub;
  socket.data.tenant = claims.tenant;
  next();
});

io.on('connection', (socket) => {
  // Same rule as the gateway: only the caller's own tenant topics.
  socket.on('subscribe', (topic, ack) => {
    const ok = typeof topic === 'string' && topic.startsWith(`${socket.data.tenant}.`) && !/[*#]/.test(topic);
    if (ok) socket.join(topic);
    if (typeof ack === 'function') ack(ok ? { ok: true } : { ok: false, error: 'Forbidden' });
  });
});

httpServer.listen(port, '127.0.0.1', () => console.log(`socket.io node on ${port}`));
const stop = () => { io.close(); pubClient.quit().catch(() => {}); subClient.quit().catch(() => {}); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
