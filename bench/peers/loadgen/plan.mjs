// What each run measures (--quick or full) and the systems in the order they are measured.
export const PLANS = {
  quick: {
    // one gateway instance: in a run this short, a second JVM mostly doubles the JIT compilation
    scaleOutInstances: 1,
    sessionSteps: [1000, 2000], holdSeconds: 3, warmUpSessions: 100, warmUpRate: 50, connectRate: 200, slowConnectRate: 50, fanoutSessions: [1000],
    fanoutSteps: [2000, 8000, 32000], fanoutWarmUpSeconds: 4, stepSeconds: 2, latencySeconds: 3, drainMs: 4000,
    streamProcessorArgs: ['50000', '6', '300', '300'], streamProcessorTimeoutSeconds: 300, deadlineMinutes: 25,
  },
  // ./vigil bench --fanout: one system at a time, fan-out to 1,000 sessions only, no report
  fanout: {
    scaleOutInstances: 1,
    sessionSteps: [1000], holdSeconds: 3, warmUpSessions: 300, warmUpRate: 60, connectRate: 200, slowConnectRate: 50, fanoutSessions: [1000],
    // the full run's fan-out steps, so that its figures compare with a full run's
    fanoutSteps: [2000, 5000, 10000, 20000, 40000, 80000, 160000], fanoutWarmUpSeconds: 10, stepSeconds: 10, latencySeconds: 15, drainMs: 10000,
    streamProcessorArgs: [], streamProcessorTimeoutSeconds: 0, deadlineMinutes: 30,
  },
  full: {
    // a process here may hold only 20,000 sockets (hard limit): the ladder's top steps need two.
    // One JVM already uses both cores, so sessions [0, scaleOutFromSession) all go to the first
    // instance (every fan-out step is measured there) and only the sessions past it alternate.
    scaleOutInstances: 2, scaleOutFromSession: 10000,
    sessionSteps: [1000, 2000, 5000, 10000, 15000, 20000, 25000], holdSeconds: 60, warmUpSessions: 300, warmUpRate: 60, connectRate: 200, slowConnectRate: 100,
    fanoutSessions: [1000, 10000], fanoutSteps: [2000, 5000, 10000, 20000, 40000, 80000, 160000], fanoutWarmUpSeconds: 10,
    stepSeconds: 10, latencySeconds: 15, drainMs: 10000,
    streamProcessorArgs: [], streamProcessorTimeoutSeconds: 1800, deadlineMinutes: 150,
  },
};

/** Systems measured in one run; `BENCH_SYSTEMS=a,b` picks some. */
export const SYSTEMS = [
  { name: 'vigil-relay', label: 'Vigil, relay mode', kind: 'gateway', profiles: 'demo', mode: 'relay', vigil: true, brokerSocketPerSession: true,
    description: 'STOMP over WebSocket to ws-gateway, relayed to RabbitMQ STOMP, fed from Kafka by the bridge' },
  { name: 'vigil-shared', label: 'Vigil, shared mode', kind: 'gateway', profiles: 'demo', mode: 'shared', vigil: true, scaleOut: true,
    description: 'as relay, with --vigil.delivery.mode=shared (one broker subscription per destination per gateway, local fan-out); '
      + 'the full run starts two gateway instances (plan.scaleOutInstances), for the sessions ladder past 10,000 sessions '
      + '(plan.scaleOutFromSession): one process here may hold only 20,000 sockets' },
  { name: 'gateway-simple-broker', label: 'Gateway + simple broker', kind: 'gateway', profiles: 'demo,simple-broker', mode: 'relay', vigil: true,
    description: "the gateway with Spring's in-memory simple broker (profile simple-broker), fed from Kafka by the bridge" },
  { name: 'rabbitmq-direct', label: 'RabbitMQ Web-STOMP direct', kind: 'rabbit', peer: true, brokerSocketPerSession: true,
    description: "clients on RabbitMQ's /ws (15674); a Kafka feeder SENDs each record to amq.topic; no gateway hop" },
  { name: 'socketio', label: 'Socket.IO + Redis adapter', kind: 'socketio', peer: true,
    description: 'two Socket.IO 4 nodes with the Redis adapter; a Kafka feeder emits through @socket.io/redis-emitter' },
];

/** Targets of issues 7 and 10, shown as columns next to the figures. */
export const TARGETS = {
  sessionsHeld: { issue7: '10,000 (stretch 20,000)', issue10: '20,000 (shared mode)' },
  connectP99Ms: { issue7: '< 100 ms' },
  latencyAt10pct: { issue7: 'p50 ≤ 20 ms, p99 ≤ 100 ms', issue10: 'p99 < 50 ms' },
  framesAtP99Under100Ms: { issue10: '≥ 1.5 × Socket.IO (1,000 sessions)' },
  memoryPer1000: { issue7: 'gateway < 60 MB', issue10: 'gateway + RabbitMQ < 50 MiB' },
};
