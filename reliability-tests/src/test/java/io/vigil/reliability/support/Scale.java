package io.vigil.reliability.support;

/**
 * How big each check runs: the bounded figures of {@code ./mvnw verify} (pom properties
 * {@code reliability.*}), or the long ones {@code soak.sh} passes for {@code ./vigil soak}.
 */
public final class Scale {

    private Scale() {}

    /** Known events ingested while the stream processor is killed. */
    public static int events() {
        return Integer.getInteger("reliability.events", 8_000);
    }

    /** {@code kill -9}s of the stream processor during that ingest. */
    public static int kills() {
        return Integer.getInteger("reliability.kills", 2);
    }

    /** Cross-tenant attempts. */
    public static int attempts() {
        return Integer.getInteger("reliability.attempts", 500);
    }

    /** Tiny STOMP frames sent by one session. */
    public static int tinyFrames() {
        return Integer.getInteger("reliability.tiny-frames", 50_000);
    }

    /** How many times the hostile Kafka corpus is produced. */
    public static int corpusCopies() {
        return Integer.getInteger("reliability.corpus-copies", 1);
    }

    /** "bounded" for the verify figures, "soak" when soak.sh raised them. */
    public static String name() {
        return System.getProperty("reliability.scale", "bounded");
    }
}
