package io.vigil.gateway.delivery;

import io.vigil.gateway.stream.TenantTopic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which local subscriptions each shared destination has, and whether its binding exists. The
 * consumer thread reads a destination's subscribers as an immutable array (no lock on the hot
 * path); changes to one destination, including binding on the first SUBSCRIBE and unbinding after
 * the last one leaves, are serialised on that destination.
 */
final class LocalSubscribers {

    /** One local subscription. */
    record Target(SessionOutbox outbox, String subscriptionId) {}

    /** One shared destination (routing key) of this instance. */
    static final class Topic {
        private static final Target[] NONE = new Target[0];

        final TenantTopic topic;
        volatile Target[] targets = NONE;
        private boolean bound;

        Topic(TenantTopic topic) {
            this.topic = topic;
        }
    }

    /** Binds or unbinds a routing key at the broker. */
    interface Binder {
        void bind(String routingKey) throws IOException;

        void unbind(String routingKey) throws IOException;
    }

    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> bySession = new ConcurrentHashMap<>();
    private final Binder binder;

    LocalSubscribers(Binder binder) {
        this.binder = binder;
    }

    Topic topic(String routingKey) {
        return topics.get(routingKey);
    }

    /** Adds a subscription, binding the destination first if it is new here. */
    void add(TenantTopic tenantTopic, SessionOutbox outbox, String subscriptionId) throws IOException {
        String key = tenantTopic.routingKey();
        Topic topic = topics.computeIfAbsent(key, k -> new Topic(tenantTopic));
        synchronized (topic) {
            if (!topic.bound) {
                binder.bind(key);
                topic.bound = true;
            }
            Target[] now = Arrays.copyOf(topic.targets, topic.targets.length + 1);
            now[now.length - 1] = new Target(outbox, subscriptionId);
            topic.targets = now;
        }
        bySession
                .computeIfAbsent(outbox.sessionId(), s -> new ConcurrentHashMap<>())
                .put(subscriptionId, key);
    }

    /** Removes a subscription; false if it was not a shared one. */
    boolean remove(String sessionId, String subscriptionId) {
        Map<String, String> subscriptions = bySession.get(sessionId);
        String key = subscriptions == null ? null : subscriptions.remove(subscriptionId);
        if (key == null) {
            return false;
        }
        Topic topic = topics.get(key);
        synchronized (topic) {
            topic.targets = Arrays.stream(topic.targets)
                    .filter(t -> !(t.outbox().sessionId().equals(sessionId)
                            && t.subscriptionId().equals(subscriptionId)))
                    .toArray(Target[]::new);
            if (topic.targets.length == 0 && topic.bound) {
                topic.bound = false;
                try {
                    binder.unbind(key);
                } catch (IOException e) {
                    // the connection is gone, and the binding with it
                }
            }
        }
        return true;
    }

    /** Removes every subscription of a session. */
    void removeSession(String sessionId) {
        Map<String, String> subscriptions = bySession.get(sessionId);
        if (subscriptions != null) {
            List.copyOf(subscriptions.keySet()).forEach(id -> remove(sessionId, id));
            bySession.remove(sessionId);
        }
    }

    /** Sessions with at least one shared subscription. */
    Set<String> sessions() {
        return Set.copyOf(bySession.keySet());
    }

    /** The broker binding (and the queue) is gone: every destination is unbound. */
    void allUnbound() {
        for (Topic topic : topics.values()) {
            synchronized (topic) {
                topic.bound = false;
            }
        }
    }

    /** Destinations with subscribers, marked bound: the caller binds them on a fresh queue. */
    List<String> rebind() {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Topic> entry : topics.entrySet()) {
            Topic topic = entry.getValue();
            synchronized (topic) {
                if (topic.targets.length > 0) {
                    topic.bound = true;
                    keys.add(entry.getKey());
                }
            }
        }
        return keys;
    }

    int boundCount() {
        int n = 0;
        for (Topic topic : topics.values()) {
            if (topic.targets.length > 0) {
                n++;
            }
        }
        return n;
    }
}
