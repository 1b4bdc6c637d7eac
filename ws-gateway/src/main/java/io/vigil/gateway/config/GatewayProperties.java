package io.vigil.gateway.config;

import io.vigil.contracts.topic.TopicNames;
import io.vigil.gateway.stream.Kind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the gateway can be told, bound from {@code vigil.*} in application.yml (see
 * docs/gateway.md, "Configuration"). Each nested record configures one feature.
 */
@Validated
@ConfigurationProperties("vigil")
public record GatewayProperties(
        @Valid @NotNull @DefaultValue Topics topics,
        @Valid @NotNull @DefaultValue Relay relay,
        @Valid @NotNull @DefaultValue WebSocket websocket,
        @Valid @NotNull @DefaultValue Security security,
        @Valid @NotNull @DefaultValue Bridge bridge,
        @Valid @NotNull @DefaultValue State state,
        @Valid @NotNull @DefaultValue Presence presence,
        @Valid @NotNull @DefaultValue Tasks tasks,
        @Valid @NotNull @DefaultValue Delivery delivery) {

    /** Kafka topic names; defaults are the contract's ({@link TopicNames#DEFAULTS}). */
    public record Topics(
            @NotBlank @DefaultValue("threat.scores") String scores,
            @NotBlank @DefaultValue("metrics.minute") String metrics,
            @NotBlank @DefaultValue("anomalies") String anomalies,
            @NotBlank @DefaultValue("alerts") String alerts,
            @NotBlank @DefaultValue("alert.commands") String alertCommands) {}

    /** The STOMP broker relay to RabbitMQ's STOMP plugin. */
    public record Relay(
            @NotBlank @DefaultValue("127.0.0.1") String host,
            @Min(1) @DefaultValue("61613") int port,
            @NotBlank @DefaultValue("vigil") String virtualHost,
            @NotBlank @DefaultValue("vigil-gateway") String systemLogin,
            @NotBlank @DefaultValue("vigil-gateway-dev") String systemPasscode,
            @NotBlank @DefaultValue("vigil-gateway") String clientLogin,
            @NotBlank @DefaultValue("vigil-gateway-dev") String clientPasscode,
            @NotNull @DefaultValue("10s") Duration systemHeartbeat) {}

    /** The browser-facing endpoint and its per-session limits. */
    public record WebSocket(
            @NotEmpty @DefaultValue({"http://localhost:*", "http://127.0.0.1:*"})
            List<String> allowedOrigins,

            @Min(1024) @DefaultValue("8192") int maxFrameBytes,
            @NotNull @DefaultValue("10s") Duration sendTimeLimit,
            @Min(1024) @DefaultValue("524288") int sendBufferSizeLimit,
            @Min(1) @DefaultValue("50") int rateCapacity,
            @Min(1) @DefaultValue("20") int ratePerSecond,
            @Min(1) @DefaultValue("5") int maxConnectionsPerUser,
            @NotNull @DefaultValue("5s") Duration shutdownRetryHint,
            @NotNull @DefaultValue("3s") Duration shutdownDrain,
            @NotNull @DefaultValue("10s") Duration connectTimeout) {}

    /**
     * JWT validation. With {@code jwkSetUri} set, tokens are RS256 from that key set; otherwise HS256
     * with {@code hs256Secret} (local and demo only). {@code issuer}: the only accepted {@code iss}
     * (blank = none: then a token that names any issuer is refused); docs/security.md, "Tokens".
     */
    public record Security(
            String jwkSetUri,
            String hs256Secret,
            String issuer,
            @NotNull @DefaultValue("1h") Duration demoTokenTtl,
            @NotNull @DefaultValue("5s") Duration expirySweep) {

        public Security {
            // an unset environment variable (${VIGIL_JWT_ISSUER:}) binds as ""
            issuer = issuer == null || issuer.isBlank() ? null : issuer.strip();
        }

        public boolean jwkSet() {
            return jwkSetUri != null && !jwkSetUri.isBlank();
        }
    }

    /**
     * The Kafka to RabbitMQ bridge. Its consumer group is {@code spring.kafka.consumer.group-id},
     * the same on every instance.
     */
    public record Bridge(
            @NotBlank @DefaultValue("amq.topic") String exchange,
            @NotNull @DefaultValue("10s") Duration confirmTimeout,
            @DefaultValue("true") boolean enabled) {}

    /** Latest state and resume history in Redis. */
    public record State(
            @NotBlank @DefaultValue("vigil:gw") String keyPrefix,
            @Min(10) @DefaultValue("1000") int historySize,
            @Min(10) @DefaultValue("500") int recentWindows,
            @Min(10) @DefaultValue("500") int recentAnomalies,
            @Valid @NotNull @DefaultValue Rebuild rebuild) {}

    /**
     * Rebuilding the latest state from the compacted topics when Redis lost it (docs/gateway.md,
     * "Redis lost its data"). Every {@code checkInterval} each instance looks at the state marker in
     * Redis; a rebuild is owned by one instance under a lease of {@code lease} (renewed while it
     * reads; another instance takes over once it lapses); a snapshot asked for meanwhile waits up to
     * {@code snapshotWait} for the rebuild and is otherwise answered with {@code complete: false}.
     */
    public record Rebuild(
            @NotNull @DefaultValue("1s") Duration checkInterval,
            @NotNull @DefaultValue("15s") Duration lease,
            @NotNull @DefaultValue("10s") Duration snapshotWait) {

        public Rebuild {
            if (lease != null && checkInterval != null && lease.compareTo(checkInterval.multipliedBy(3)) < 0) {
                throw new IllegalArgumentException("vigil.state.rebuild.lease (" + lease
                        + ") must be at least three times vigil.state.rebuild.check-interval (" + checkInterval + ")");
            }
        }
    }

    /** Who is online. */
    public record Presence(
            @NotNull @DefaultValue("60s") Duration ttl,
            @NotNull @DefaultValue("20s") Duration refresh) {}

    /** On-demand task requests to the task workers. */
    public record Tasks(
            @NotBlank @DefaultValue("vigil.tasks") String exchange,
            @Min(0) @DefaultValue("9") int priority,
            @NotNull @DefaultValue("5s") Duration confirmTimeout) {}

    /**
     * How tenant-topic messages reach the sessions (docs/gateway.md, "Delivery modes"). {@code
     * relay}: every SUBSCRIBE goes on to RabbitMQ. {@code shared}: one broker subscription per
     * destination per instance, fanned out locally, for the kinds in {@code sharedKinds}; each
     * session then has a bounded outbound buffer of {@code sessionBufferFrames} frames in which,
     * once {@code conflateAboveFrames} frames wait, the {@code conflatedKinds} keep only the latest
     * value per key, and a session whose buffer is full
     * or whose oldest waiting frame is older than {@code maxLag} is closed with an ERROR frame. With
     * {@code lazyRelayConnection}, a session gets a broker connection only when it needs one.
     */
    public record Delivery(
            @NotNull @DefaultValue("shared") Mode mode,

            @NotNull @DefaultValue({"scores", "metrics", "anomalies", "alerts", "presence"})
            Set<Kind> sharedKinds,

            @NotNull @DefaultValue({"scores", "metrics"}) Set<Kind> conflatedKinds,
            @Min(16) @DefaultValue("1024") int sessionBufferFrames,
            @Min(0) @DefaultValue("64") int conflateAboveFrames,
            @NotNull @DefaultValue("30s") Duration maxLag,
            @DefaultValue("true") boolean lazyRelayConnection,
            @Min(1) @DefaultValue("1000") int prefetch,
            @NotNull @DefaultValue("1s") Duration reconnectInterval) {

        public Delivery {
            if (conflateAboveFrames >= sessionBufferFrames) {
                throw new IllegalArgumentException("vigil.delivery.conflate-above-frames (" + conflateAboveFrames
                        + ") must be below vigil.delivery.session-buffer-frames (" + sessionBufferFrames + ")");
            }
        }

        /** Delivery mode for the tenant topics. */
        public enum Mode {
            SHARED,
            RELAY
        }

        public boolean shares(Kind kind) {
            return mode == Mode.SHARED && sharedKinds.contains(kind);
        }
    }
}
