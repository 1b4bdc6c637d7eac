package io.vigil.gateway.delivery;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes each broker message once into a {@link SharedFrame}. The {@code message-id} follows
 * RabbitMQ's shape ({@code T_<subscription>@@<session>@@<n>}) with this instance in place of the
 * broker session: unique per subscription of a session, as STOMP asks. Used by the consumer
 * thread only.
 */
final class FrameEncoder {

    private final String instance =
            "session-shared-" + UUID.randomUUID().toString().substring(0, 8);
    private long sequence;

    SharedFrame encode(String destination, AMQP.BasicProperties props, byte[] body) {
        String destinationPart = "\ndestination:" + StompText.escape(destination) + "\nmessage-id:T_";
        StringBuilder tail = new StringBuilder(body.length + 512);
        tail.append("@@").append(instance).append("@@").append(++sequence).append("\nredelivered:false\n");
        StompText.appendHeaders(tail, props, body.length);
        tail.append('\n').append(new String(body, StandardCharsets.UTF_8)).append('\0');
        Map<String, Object> table = props.getHeaders();
        String key = StompText.header(table, "vigil-key");
        String version = StompText.header(table, "vigil-version");
        return new SharedFrame(
                destinationPart,
                tail.toString(),
                key,
                version == null ? 0 : parse(version),
                "remove".equals(StompText.header(table, "vigil-op")));
    }

    private static long parse(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
