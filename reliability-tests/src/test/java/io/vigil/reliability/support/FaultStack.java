package io.vigil.reliability.support;

import static org.awaitility.Awaitility.await;

import io.vigil.contracts.topic.TopicNames;
import io.vigil.e2e.Kafka;
import io.vigil.e2e.ServiceProcess;
import io.vigil.e2e.VigilProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One check's own world on the shared services: a run id, every topic of topics.conf under {@code
 * it-<run>.}, an HS256 secret for its gateways and tokens, and a {@link Cleanup} that stops what
 * the check started and deletes the topics (and its Kafka Streams applications' internal topics).
 */
public final class FaultStack implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(180);

    public final String run;
    public final String secret;
    private final Kafka kafka;
    private final Cleanup cleanup = new Cleanup();
    private final List<String> applicationIds = new ArrayList<>();

    private FaultStack(String run, String secret, Kafka kafka) {
        this.run = run;
        this.secret = secret;
        this.kafka = kafka;
    }

    /** A stack named {@code rel-<name>-<random>} with its topics created. */
    public static FaultStack create(String name) throws Exception {
        String run = "rel-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return create(run, "reliability-" + name + "-secret-0123456789-abcdef");
    }

    /** A stack without topics on the shared broker (the check brings its own broker or needs none). */
    public static FaultStack withoutTopics(String name) {
        String run = "rel-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new FaultStack(run, "reliability-" + name + "-secret-0123456789-abcdef", null);
    }

    /** A stack with the given run id and HS256 secret, its topics created. */
    public static FaultStack create(String run, String secret) throws Exception {
        Kafka kafka = new Kafka("it-" + run + ".");
        kafka.createTopics();
        return new FaultStack(run, secret, kafka);
    }

    public TopicNames topics() {
        return kafka().topics;
    }

    /** The stream processor's own topic of normalised events under this stack's prefix. */
    public String normalizedTopic() {
        return kafka().normalized;
    }

    public Kafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("a stack created withoutTopics has no topics on the shared broker");
        }
        return kafka;
    }

    /** Closed (in reverse order) with the stack. */
    public <T extends AutoCloseable> T add(T closeable) {
        return cleanup.add(closeable);
    }

    /** A gateway (demo profile) on this stack's topics, group, Redis prefix and HS256 secret. */
    public ServiceProcess.Builder gateway() {
        return VigilProcesses.gateway(kafka(), run).property("vigil.security.hs256-secret", secret);
    }

    /** The stream processor on this stack's topics as application {@code it-<run>-<name>}. */
    public ServiceProcess.Builder streamProcessor(String name, Path stateDir) {
        String applicationId = applicationId(name);
        applicationIds.add(applicationId);
        return VigilProcesses.streamProcessor(kafka(), run + "-" + name, applicationId, stateDir);
    }

    public String applicationId(String name) {
        return "it-" + run + "-" + name;
    }

    /** Builds and starts the process (retried if its jar was being replaced), killed with the stack. */
    public ServiceProcess start(ServiceProcess.Builder builder) {
        ServiceProcess process = builder.build();
        cleanup.add(process::kill);
        return Restarts.start(process, START);
    }

    /** A token of this stack's secret. */
    public String token(String user, String tenant, String role) {
        return Tokens.hs256(secret, Tokens.claims(user, tenant, role).build());
    }

    /** A client following {@code tenant}'s scores on the first reachable of {@code ports}. */
    public ViewClient viewer(String user, String tenant, List<Integer> ports) {
        return cleanup.add(new ViewClient(ports, token(user, tenant, "viewer"), tenant).start());
    }

    /** {@code n} viewers {@code <prefix>0..n-1}. */
    public List<ViewClient> viewers(int n, String prefix, String tenant, List<Integer> ports) {
        List<ViewClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(viewer(prefix + i, tenant, ports));
        }
        return clients;
    }

    /**
     * Waits (bounded) until every client's view equals {@code server}; returns the divergent
     * entities summed over the clients then (0 if they converged), for the check to record first.
     */
    public static int awaitConverged(Map<String, Long> server, List<ViewClient> clients, Duration within) {
        try {
            await("every client's view to equal the server's state")
                    .atMost(within)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> clients.stream().allMatch(c -> ScoreFeed.divergent(server, c.view()) == 0));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // counted below
        }
        return divergent(server, clients);
    }

    public static int divergent(Map<String, Long> server, List<ViewClient> clients) {
        return clients.stream()
                .mapToInt(c -> ScoreFeed.divergent(server, c.view()))
                .sum();
    }

    @Override
    public void close() {
        cleanup.close();
        if (kafka != null) {
            kafka.deleteTopics(applicationIds.toArray(String[]::new));
            kafka.close();
        }
    }
}
