package io.vigil.gateway.delivery;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * AMQP message to STOMP MESSAGE text, the way RabbitMQ's STOMP plugin converts it for a relayed
 * subscription (docs/gateway.md, "Message headers"): the message's header table first, then
 * {@code amqp-message-id}, {@code priority}, {@code persistent}, {@code content-encoding},
 * {@code content-type} and the other standard properties, then {@code content-length}. Header
 * values are escaped as STOMP 1.2 requires.
 */
final class StompText {

    /**
     * Headers of the frame itself: a message SENT over STOMP (presence) keeps its
     * {@code content-length} in the AMQP header table, and the plugin writes its own instead.
     */
    private static final Set<String> FRAME_HEADERS =
            Set.of("content-length", "destination", "subscription", "message-id", "redelivered");

    private StompText() {}

    /** The headers after {@code redelivered}, each ending with a newline, up to the blank line. */
    static void appendHeaders(StringBuilder out, AMQP.BasicProperties props, int bodyLength) {
        Map<String, Object> table = props.getHeaders();
        if (table != null) {
            for (Map.Entry<String, Object> header : table.entrySet()) {
                if (!FRAME_HEADERS.contains(header.getKey())) {
                    header(out, header.getKey(), value(header.getValue()));
                }
            }
        }
        header(out, "amqp-message-id", props.getMessageId());
        header(out, "priority", props.getPriority());
        if (props.getDeliveryMode() != null && props.getDeliveryMode() == 2) {
            header(out, "persistent", "true");
        }
        header(out, "content-encoding", props.getContentEncoding());
        header(out, "content-type", props.getContentType());
        header(out, "correlation-id", props.getCorrelationId());
        header(out, "reply-to", props.getReplyTo());
        header(out, "expiration", props.getExpiration());
        header(
                out,
                "timestamp",
                props.getTimestamp() == null ? null : props.getTimestamp().getTime() / 1000);
        header(out, "type", props.getType());
        header(out, "user-id", props.getUserId());
        header(out, "app-id", props.getAppId());
        header(out, "content-length", bodyLength);
    }

    static String header(Map<String, Object> table, String name) {
        Object value = table == null ? null : table.get(name);
        return value == null ? null : value(value);
    }

    private static void header(StringBuilder out, String name, Object value) {
        if (value != null) {
            out.append(escape(name))
                    .append(':')
                    .append(escape(value.toString()))
                    .append('\n');
        }
    }

    private static String value(Object value) {
        if (value instanceof LongString text) {
            return new String(text.getBytes(), StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }

    /** STOMP 1.2 header escaping (backslash, CR, LF, colon). */
    static String escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\r' || c == '\n' || c == ':') {
                return escapeFrom(value, i);
            }
        }
        return value;
    }

    private static String escapeFrom(String value, int first) {
        StringBuilder out = new StringBuilder(value.length() + 8).append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case ':' -> out.append("\\c");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
