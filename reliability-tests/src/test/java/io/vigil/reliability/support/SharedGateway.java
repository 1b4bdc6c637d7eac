package io.vigil.reliability.support;

import static org.awaitility.Awaitility.await;

import io.vigil.e2e.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real gateway process (demo profile, a test secret for HS256 tokens, its own topics, group,
 * Redis prefix) shared by every hostile-input suite of the test JVM: started by the first suite,
 * stopped when the whole run ends. Reads the gateway's own figures from {@code /actuator/prometheus}.
 */
public final class SharedGateway implements BeforeAllCallback {

    /** HS256 secret of the gateway under test (what Tokens signs with). */
    public static final String SECRET = "reliability-tests-hs256-secret-0123456789-abcdef";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Instance instance;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedGateway.class) {
            if (instance == null) {
                instance = new Instance();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedGateway.class, instance);
            }
        }
    }

    public static Instance get() {
        if (instance == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedGateway.class)");
        }
        return instance;
    }

    /** The running gateway and its stack. */
    public static final class Instance implements AutoCloseable {
        public final String run = "rel-" + UUID.randomUUID().toString().substring(0, 8);
        public final FaultStack stack;
        public final ServiceProcess gateway;

        Instance() throws Exception {
            stack = FaultStack.create(run, SECRET);
            gateway = stack.start(stack.gateway());
        }

        public int port() {
            return gateway.port();
        }

        /** A tenant name of this run. */
        public String tenant(String name) {
            return run + "-" + name;
        }

        /** A gauge or counter sample from /actuator/prometheus (sum over its series). */
        public double metric(String name) {
            try {
                String text = HTTP.send(
                                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/actuator/prometheus"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$")
                        .matcher(text);
                double sum = 0;
                boolean found = false;
                while (m.find()) {
                    sum += Double.parseDouble(m.group(2));
                    found = true;
                }
                if (!found) {
                    throw new IllegalStateException(name + " not in /actuator/prometheus");
                }
                return sum;
            } catch (Exception e) {
                throw new IllegalStateException("could not read " + name + ": " + e.getMessage(), e);
            }
        }

        /** Open WebSocket sessions on the gateway ({@code vigil_stomp_sessions}). */
        public int sessions() {
            return (int) metric("vigil_stomp_sessions");
        }

        /** Waits until the gateway holds at most {@code expected} sessions; returns the count then. */
        public int awaitSessionsBackTo(int expected, Duration within) {
            try {
                await("gateway sessions back to " + expected)
                        .atMost(within)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> sessions() <= expected);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported by the caller as leaked sessions
            }
            return sessions();
        }

        @Override
        public void close() {
            synchronized (SharedGateway.class) {
                if (instance == this) {
                    instance = null; // a later test session (e.g. another fork's next class) starts a new one
                }
            }
            gateway.stop();
            stack.close();
        }
    }
}
