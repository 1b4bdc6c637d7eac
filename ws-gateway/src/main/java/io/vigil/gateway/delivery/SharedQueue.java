package io.vigil.gateway.delivery;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's one broker subscription: an exclusive, auto-delete, server-named queue on its own
 * AMQP connection, bound to the exchange once per routing key that has local subscribers, consumed
 * by one consumer (so per-destination order is the broker's). {@link #ensure()}, called
 * periodically, (re)connects; when the connection is lost, the queue and its bindings are gone with
 * it and the {@link Listener} is told once, so the sessions can learn about the gap.
 */
final class SharedQueue {

    /** The receiving side. */
    interface Listener {
        void deliver(String routingKey, AMQP.BasicProperties props, byte[] body);

        /** The connection (and so the queue and every binding) was lost. */
        void lost();

        /** Routing keys to bind on a fresh connection. */
        Collection<String> wantedKeys();
    }

    private static final Logger log = LoggerFactory.getLogger(SharedQueue.class);
    private static final int ACK_EVERY = 64;

    private final ConnectionFactory factory;
    private final String exchange;
    private final int prefetch;
    private final Listener listener;
    private final Object adminLock = new Object();
    private volatile Connection connection;
    private volatile Channel admin;
    private volatile String queue;

    SharedQueue(ConnectionFactory factory, String exchange, int prefetch, Listener listener) {
        this.factory = factory;
        this.exchange = exchange;
        this.prefetch = prefetch;
        this.listener = listener;
    }

    boolean consuming() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    /** RabbitMQ's name and version as its STOMP plugin reports them ({@code server} header). */
    String server() {
        Connection c = connection;
        Map<String, Object> properties = c == null ? Map.of() : c.getServerProperties();
        return properties.getOrDefault("product", "RabbitMQ") + "/" + properties.getOrDefault("version", "unknown");
    }

    String queueName() {
        return queue;
    }

    /** Connects, declares, binds and consumes if not already doing so. */
    synchronized void ensure() {
        Connection current = connection;
        if (current != null) {
            if (current.isOpen()) {
                return;
            }
            lost(current);
        }
        Connection fresh = null;
        try {
            fresh = factory.newConnection("vigil-gateway-shared");
            Channel consumer = fresh.createChannel();
            Channel adminChannel = fresh.createChannel();
            String name = consumer.queueDeclare("", false, true, true, null).getQueue();
            for (String key : listener.wantedKeys()) {
                adminChannel.queueBind(name, exchange, key);
            }
            consumer.basicQos(prefetch);
            consumer.basicConsume(name, false, "vigil-gateway-shared", new Consumer(consumer));
            Connection opened = fresh;
            fresh.addShutdownListener(cause -> {
                if (!cause.isInitiatedByApplication()) {
                    lost(opened);
                }
            });
            queue = name;
            admin = adminChannel;
            connection = fresh;
            log.info("Shared subscriptions consuming from {}", name);
        } catch (IOException | TimeoutException | RuntimeException e) {
            log.debug("Shared subscriptions not (re)connected: {}", e.toString());
            closeQuietly(fresh);
        }
    }

    void bind(String routingKey) throws IOException {
        synchronized (adminLock) {
            adminChannel().queueBind(requireQueue(), exchange, routingKey);
        }
    }

    void unbind(String routingKey) throws IOException {
        synchronized (adminLock) {
            adminChannel().queueUnbind(requireQueue(), exchange, routingKey);
        }
    }

    synchronized void close() {
        Connection c = connection;
        connection = null;
        closeQuietly(c);
    }

    private Channel adminChannel() throws IOException {
        Connection c = connection;
        if (c == null || !c.isOpen()) {
            throw new IOException("no connection to RabbitMQ");
        }
        Channel a = admin;
        if (a == null || !a.isOpen()) {
            a = c.createChannel(); // a refused bind closes the channel, not the connection
            admin = a;
        }
        return a;
    }

    private String requireQueue() throws IOException {
        String q = queue;
        if (q == null) {
            throw new IOException("no shared queue");
        }
        return q;
    }

    private void lost(Connection which) {
        synchronized (this) {
            if (connection != which) {
                return; // already handled
            }
            connection = null;
            queue = null;
            admin = null;
        }
        log.warn("Shared subscriptions lost their RabbitMQ connection; telling the sessions");
        listener.lost();
    }

    private static void closeQuietly(Connection c) {
        if (c != null && c.isOpen()) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        }
    }

    private final class Consumer extends DefaultConsumer {
        Consumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                throws IOException {
            try {
                listener.deliver(envelope.getRoutingKey(), props, body);
            } finally {
                // acknowledged in groups: the queue is exclusive, nothing is ever redelivered
                if (envelope.getDeliveryTag() % ACK_EVERY == 0) {
                    getChannel().basicAck(envelope.getDeliveryTag(), true);
                }
            }
        }
    }
}
