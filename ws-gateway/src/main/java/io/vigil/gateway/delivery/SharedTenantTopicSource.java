package io.vigil.gateway.delivery;

import com.rabbitmq.client.AMQP;
import io.vigil.gateway.config.GatewayProperties;
import io.vigil.gateway.security.StompRefusal;
import io.vigil.gateway.session.SessionRegistry;
import io.vigil.gateway.session.SessionReplies;
import io.vigil.gateway.stream.SharedSubscriptionHealth;
import io.vigil.gateway.stream.TenantTopic;
import io.vigil.gateway.stream.TenantTopicSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.TextMessage;

/**
 * Shared delivery mode: a plain SUBSCRIBE to a shared kind's tenant topic is not relayed; this
 * instance holds one broker binding per destination ({@link SharedQueue}) and fans each message
 * out to its local subscriptions ({@link LocalSubscribers}) through each session's bounded
 * {@link SessionOutbox}. A session that stays hopelessly behind, and every session when the broker
 * subscription is lost, is closed with an ERROR frame that says how to recover, never silently.
 */
final class SharedTenantTopicSource
        implements TenantTopicSource, SharedQueue.Listener, SharedSubscriptionHealth, SmartLifecycle {

    static final String RESUME_HINT_HEADER = "vigil-resume";
    static final String RESUME_HINT =
            "resubscribe, then /app/resume/<kind>/<last vigil-seq> (anomalies, alerts) or /app/snapshot/<kind>";

    private static final StompEncoder STOMP = new StompEncoder();
    private static final Logger log = LoggerFactory.getLogger(SharedTenantTopicSource.class);

    private final GatewayProperties.Delivery config;
    private final ObjectProvider<SessionRegistry> registry;
    private final ObjectProvider<SessionReplies> replies;
    private final SharedQueue queue;
    private final LocalSubscribers subscribers;
    private final DeliveryMetrics metrics;
    private final FrameEncoder encoder = new FrameEncoder();
    private final Map<String, SessionOutbox> outboxes = new ConcurrentHashMap<>();
    /** Made anew on each start: a context may be stopped and started again (Spring's test context pausing). */
    private volatile ExecutorService drainer = drainer();

    private final LazyRelayConnections lazyRelay;
    private final ClientHeartbeats heartbeats;
    private final ObjectProvider<TaskScheduler> scheduler;
    private volatile ScheduledExecutorService reconnector;

    SharedTenantTopicSource(
            GatewayProperties properties,
            com.rabbitmq.client.ConnectionFactory rabbit,
            ObjectProvider<SessionRegistry> registry,
            ObjectProvider<SessionReplies> replies,
            ObjectProvider<AbstractBrokerMessageHandler> relay,
            ObjectProvider<MessageChannel> clientOutbound,
            ObjectProvider<TaskScheduler> scheduler,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.config = properties.delivery();
        this.scheduler = scheduler;
        this.registry = registry;
        this.replies = replies;
        this.queue = new SharedQueue(rabbit, properties.bridge().exchange(), config.prefetch(), this);
        this.subscribers = new LocalSubscribers(new LocalSubscribers.Binder() {
            @Override
            public void bind(String routingKey) throws IOException {
                queue.bind(routingKey);
            }

            @Override
            public void unbind(String routingKey) throws IOException {
                queue.unbind(routingKey);
            }
        });
        this.metrics = new DeliveryMetrics(meters, subscribers::boundCount);
        this.lazyRelay = config.lazyRelayConnection()
                ? new LazyRelayConnections(
                        relay::getObject,
                        clientOutbound::getObject,
                        () -> relay.getObject().isBrokerAvailable() && queue.consuming())
                : null;
        this.heartbeats = lazyRelay == null ? null : new ClientHeartbeats(clientOutbound::getObject);
    }

    @Override
    public boolean subscribe(TenantTopic topic, StompHeaderAccessor frame) {
        if (!config.shares(topic.kind()) || !plain(frame)) {
            return true;
        }
        String sessionId = frame.getSessionId();
        SessionOutbox outbox = outboxes.computeIfAbsent(sessionId, this::outbox);
        if (outbox == null) {
            return true; // not a session this instance tracks (cannot happen for a connected client)
        }
        try {
            subscribers.add(topic, outbox, frame.getSubscriptionId());
        } catch (IOException e) {
            throw new StompRefusal("Broker not available.");
        }
        receipt(frame);
        return false;
    }

    @Override
    public boolean connect(StompHeaderAccessor frame, Message<?> message) {
        if (lazyRelay == null) {
            return true;
        }
        // the header is valid (StompGuard); without one, none
        ClientHeartbeats.Negotiated beats = ClientHeartbeats.Negotiated.of(frame.getHeartbeat());
        heartbeats.connected(frame.getSessionId(), beats);
        if (!lazyRelay.connect(frame, message, queue.server(), beats)) {
            heartbeats.closed(frame.getSessionId());
            throw new StompRefusal("Broker not available.");
        }
        return false;
    }

    @Override
    public Message<?> toRelay(StompHeaderAccessor frame, Message<?> message) {
        if (lazyRelay == null) {
            return message;
        }
        if (frame.getCommand() == StompCommand.DISCONNECT && lazyRelay.withoutBroker(frame.getSessionId())) {
            // no broker to answer it and close the session: done here, as the relay would
            replies.getObject().endAfterDisconnect(frame.getSessionId(), frame.getReceipt());
            return null;
        }
        return lazyRelay.toRelay(frame, message);
    }

    @Override
    public void fromClient(String sessionId) {
        if (heartbeats != null) {
            heartbeats.read(sessionId);
        }
    }

    @Override
    public boolean toClient(StompHeaderAccessor frame) {
        if (heartbeats != null) {
            heartbeats.wrote(frame.getSessionId());
        }
        return lazyRelay == null
                || frame.getCommand() != StompCommand.CONNECTED
                || !lazyRelay.relayConnected(frame.getSessionId());
    }

    @Override
    public boolean unsubscribe(StompHeaderAccessor frame) {
        if (!subscribers.remove(frame.getSessionId(), frame.getSubscriptionId())) {
            return true;
        }
        receipt(frame);
        return false;
    }

    @Override
    public void sessionClosed(String sessionId) {
        if (lazyRelay != null) {
            lazyRelay.closed(sessionId);
            heartbeats.closed(sessionId);
        }
        subscribers.removeSession(sessionId);
        SessionOutbox outbox = outboxes.remove(sessionId);
        if (outbox != null) {
            outbox.close();
        }
    }

    /** Sends a RECEIPT for a frame that did not go to the broker (which would have answered it). */
    void receipt(StompHeaderAccessor frame) {
        if (frame.getReceipt() != null) {
            replies.getObject().receipt(frame.getSessionId(), frame.getReceipt());
        }
    }

    @Override
    public void deliver(String routingKey, AMQP.BasicProperties props, byte[] body) {
        LocalSubscribers.Topic topic = subscribers.topic(routingKey);
        LocalSubscribers.Target[] targets = topic == null ? null : topic.targets;
        if (targets == null || targets.length == 0) {
            return;
        }
        SharedFrame frame = encoder.encode(topic.topic.destination(), props, body);
        boolean conflate = config.conflatedKinds().contains(topic.topic.kind());
        for (LocalSubscribers.Target target : targets) {
            metrics.fannedOut();
            switch (target.outbox().offer(frame, target.subscriptionId(), conflate)) {
                case CONFLATED -> metrics.conflated();
                case OVERFLOW -> tooSlow(target.outbox());
                default -> {}
            }
        }
    }

    /**
     * The ERROR frame goes after what is already on its way to the session (it is stuck behind it
     * anyway); a session that does not even take that within the allowed lag is closed without it.
     */
    private void tooSlow(SessionOutbox outbox) {
        metrics.closedSlow(outbox.dropped());
        log.info("Closing session {}: hopelessly behind ({} frames dropped)", outbox.sessionId(), outbox.dropped());
        String text = "Too slow: this session fell hopelessly behind the live updates (more than "
                + config.sessionBufferFrames() + " frames or " + config.maxLag().toSeconds()
                + " s) and missed some; reconnect, then resume or take a fresh snapshot";
        StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setMessage(text);
        error.setNativeHeader(RESUME_HINT_HEADER, RESUME_HINT);
        byte[] frame = STOMP.encode(error.getMessageHeaders(), text.getBytes(StandardCharsets.UTF_8));
        outbox.finish(new TextMessage(frame));
        ScheduledExecutorService timer = reconnector;
        if (timer != null) {
            timer.schedule(outbox::forceClose, config.maxLag().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void lost() {
        metrics.gap();
        subscribers.allUnbound();
        for (String sessionId : subscribers.sessions()) {
            registry.getObject()
                    .closeWithError(sessionId, "Connection to broker closed.", Map.of(RESUME_HINT_HEADER, RESUME_HINT));
        }
    }

    @Override
    public Collection<String> wantedKeys() {
        return subscribers.rebind();
    }

    @Override
    public boolean consuming() {
        return queue.consuming();
    }

    private SessionOutbox outbox(String sessionId) {
        return registry.getObject()
                .outbound(sessionId)
                .map(session -> new SessionOutbox(
                        session,
                        task -> drainer.execute(task),
                        metrics,
                        heartbeats == null ? id -> {} : heartbeats::wrote,
                        config.sessionBufferFrames(),
                        config.conflateAboveFrames(),
                        config.maxLag().toNanos()))
                .orElse(null);
    }

    /**
     * Only plain subscriptions are shared: client acknowledgements, durable or named queues and
     * selectors are broker features, so such a SUBSCRIBE keeps going to RabbitMQ.
     */
    private static boolean plain(StompHeaderAccessor frame) {
        String ack = frame.getFirstNativeHeader("ack");
        return (ack == null || "auto".equals(ack))
                && frame.getFirstNativeHeader("durable") == null
                && frame.getFirstNativeHeader("persistent") == null
                && frame.getFirstNativeHeader("auto-delete") == null
                && frame.getFirstNativeHeader("x-queue-name") == null
                && frame.getFirstNativeHeader("selector") == null;
    }

    @Override
    public synchronized void start() {
        // also the timer that closes sessions that never take their "too slow" ERROR frame
        if (drainer.isShutdown()) {
            drainer = drainer();
        }
        reconnector = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("vigil-shared-reconnect").daemon().factory());
        queue.ensure();
        long every = config.reconnectInterval().toMillis();
        reconnector.scheduleWithFixedDelay(queue::ensure, every, every, TimeUnit.MILLISECONDS);
        if (heartbeats != null) {
            heartbeats.start(scheduler.getObject());
        }
    }

    private static ExecutorService drainer() {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("vigil-fanout-", 0).factory());
    }

    @Override
    public synchronized void stop() {
        if (reconnector != null) {
            reconnector.shutdownNow();
            reconnector = null;
        }
        if (heartbeats != null) {
            heartbeats.stop();
        }
        queue.close();
        drainer.shutdownNow();
    }

    @Override
    public synchronized boolean isRunning() {
        return reconnector != null;
    }

    @Override
    public int getPhase() {
        // stops after the web server and the graceful shutdown drained the sessions
        return Integer.MAX_VALUE - 4096;
    }
}
