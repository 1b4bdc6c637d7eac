package io.vigil.gateway.alert;

import io.vigil.contracts.alert.AlertAction;
import io.vigil.gateway.session.GatewaySession;
import io.vigil.gateway.session.SessionReplies;
import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * STOMP SEND to {@code /app/alerts/<tenant>/<token>/ack} or {@code /resolve}, alert id
 * {@code <tenant>/<token>} (analyst role, id shape and own tenant checked by the guard), with an
 * optional JSON body {@code {"note": "..."}}; the answer goes to the sender's
 * {@code /user/queue/replies}.
 */
@Controller
class AlertStompController {

    private final AlertCommands commands;
    private final SessionReplies replies;
    private final JsonMapper json;

    AlertStompController(AlertCommands commands, SessionReplies replies, JsonMapper json) {
        this.commands = commands;
        this.replies = replies;
        this.json = json;
    }

    @MessageMapping("/alerts/{tenant}/{token}/ack")
    void acknowledge(@DestinationVariable String tenant, @DestinationVariable String token, Message<byte[]> message) {
        handle(tenant + "/" + token, AlertAction.ACKNOWLEDGE, message);
    }

    @MessageMapping("/alerts/{tenant}/{token}/resolve")
    void resolve(@DestinationVariable String tenant, @DestinationVariable String token, Message<byte[]> message) {
        handle(tenant + "/" + token, AlertAction.RESOLVE, message);
    }

    private void handle(String id, AlertAction action, Message<byte[]> message) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
        var session = GatewaySession.of(headers.getSessionAttributes()).orElseThrow();
        String note;
        try {
            note = note(message.getPayload());
        } catch (JacksonException e) {
            replies.send(
                    headers.getSessionId(),
                    SessionReplies.REPLIES,
                    new AlertReply(
                            null,
                            id,
                            action.name().toLowerCase(java.util.Locale.ROOT),
                            false,
                            "Body must be empty or {\"note\": \"...\"}"));
            return;
        }
        replies.send(headers.getSessionId(), SessionReplies.REPLIES, commands.submit(session.user(), id, action, note));
    }

    private String note(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        JsonNode node = json.readTree(new String(body, StandardCharsets.UTF_8));
        return node.hasNonNull("note") ? node.get("note").asString() : null;
    }
}
