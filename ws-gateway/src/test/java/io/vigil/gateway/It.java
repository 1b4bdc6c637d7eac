package io.vigil.gateway;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.contracts.topic.TopicNames;
import io.vigil.testsupport.LocalService;
import io.vigil.testsupport.LocalServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Shared pieces of the gateway integration tests: fresh topic names, test tokens and a producer
 * standing in for the stream processor.
 */
public final class It {

    public static final String SECRET = "it-secret-0123456789-0123456789-0123456789";

    private It() {}

    /**
     * Command-line arguments of a gateway of a test's own (started with SpringApplicationBuilder): a
     * random port, its topics, Redis prefix and bridge consumer group, the test secret, then
     * {@code extra}.
     */
    static String[] gatewayArgs(TopicNames topics, String redisPrefix, String bridgeGroup, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--server.port=0",
                "--vigil.topics.scores=" + topics.scores(),
                "--vigil.topics.metrics=" + topics.metrics(),
                "--vigil.topics.anomalies=" + topics.anomalies(),
                "--vigil.topics.alerts=" + topics.alerts(),
                "--vigil.topics.alert-commands=" + topics.alertCommands(),
                "--vigil.state.key-prefix=" + redisPrefix,
                "--spring.kafka.consumer.group-id=" + bridgeGroup,
                "--vigil.security.hs256-secret=" + SECRET));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Fresh, prefixed topic names for one test run. */
    public static TopicNames freshTopics() {
        return TopicNames.DEFAULTS.withPrefix(
                "it-gw-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    }

    public static void createTopics(TopicNames topics) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(
                            compacted(topics.scores()),
                            compacted(topics.metrics()),
                            compacted(topics.anomalies()),
                            compacted(topics.alerts()),
                            new NewTopic(topics.alertCommands(), 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create test topics", e);
        }
    }

    public static void deleteTopics(TopicNames topics) {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(
                            topics.scores(),
                            topics.metrics(),
                            topics.anomalies(),
                            topics.alerts(),
                            topics.alertCommands()))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort cleanup; the names are unique per run
        }
    }

    private static NewTopic compacted(String name) {
        return new NewTopic(name, 2, (short) 1).configs(Map.of("cleanup.policy", "compact"));
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap());
        return Admin.create(props);
    }

    /** Removes every Redis key under a test's prefix (cheap cleanup; prefixes are unique per run). */
    public static void deleteRedisKeys(String prefix) {
        RedisClient client = RedisClient.create("redis://" + LocalService.HOST + ":" + LocalService.REDIS.port());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            var redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(
                        cursor, ScanArgs.Builder.matches(prefix + ":*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    redis.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    public static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    public static void send(KafkaProducer<String, String> producer, String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    public static String token(String user, String tenant, String... roles) {
        return token(user, tenant, Instant.now().plus(Duration.ofHours(1)), SECRET, roles);
    }

    public static String token(String user, String tenant, Instant expiresAt, String secret, String... roles) {
        return token(user, tenant, expiresAt, secret, claims -> claims, roles);
    }

    /** A valid viewer token of {@link #SECRET} for one hour, with its claims changed by {@code change}. */
    public static String token(String user, String tenant, UnaryOperator<JwtClaimsSet.Builder> change) {
        return token(user, tenant, Instant.now().plus(Duration.ofHours(1)), SECRET, change, "viewer");
    }

    private static String token(
            String user,
            String tenant,
            Instant expiresAt,
            String secret,
            UnaryOperator<JwtClaimsSet.Builder> change,
            String... roles) {
        NimbusJwtEncoder encoder = NimbusJwtEncoder.withSecretKey(
                        new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .build();
        JwtClaimsSet claims = change.apply(JwtClaimsSet.builder()
                        .subject(user)
                        .claim("tenant", tenant)
                        .claim("roles", List.of(roles))
                        .issuedAt(expiresAt.minus(Duration.ofHours(2)))
                        .expiresAt(expiresAt))
                .build();
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    /** An unsigned token ({@code alg: none}) with valid-looking claims. */
    public static String unsignedToken(String user, String tenant) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        String payload = b64.encodeToString(
                ("{\"sub\":\"" + user + "\",\"tenant\":\"" + tenant + "\",\"roles\":[\"admin\"],\"exp\":" + exp + "}")
                        .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    public static String tenant() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
