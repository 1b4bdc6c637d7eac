package io.vigil.testsupport;

/**
 * A real local service an integration test talks to, with where it listens and how to start it.
 * Addresses can be moved with the environment variables named here; tests only ever talk to
 * 127.0.0.1.
 */
public enum LocalService {
    KAFKA("Kafka", "VIGIL_KAFKA_PORT", 9092),
    RABBITMQ("RabbitMQ (AMQP)", "VIGIL_RABBITMQ_PORT", 5672),
    RABBITMQ_STOMP("RabbitMQ STOMP plugin", "VIGIL_STOMP_PORT", 61613),
    RABBITMQ_MANAGEMENT("RabbitMQ management API", "VIGIL_RABBITMQ_MANAGEMENT_PORT", 15672),
    REDIS("Redis", "VIGIL_REDIS_PORT", 6379);

    public static final String HOST = "127.0.0.1";

    private final String displayName;
    private final String portVariable;
    private final int defaultPort;

    LocalService(String displayName, String portVariable, int defaultPort) {
        this.displayName = displayName;
        this.portVariable = portVariable;
        this.defaultPort = defaultPort;
    }

    public String displayName() {
        return displayName;
    }

    public int port() {
        String configured = System.getenv(portVariable);
        return configured == null || configured.isBlank() ? defaultPort : Integer.parseInt(configured.trim());
    }

    public String address() {
        return HOST + ":" + port();
    }
}
