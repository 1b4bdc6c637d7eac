package io.vigil.gateway.api;

import io.vigil.contracts.alert.AlertAction;
import io.vigil.gateway.alert.AlertCommands;
import io.vigil.gateway.alert.AlertReply;
import io.vigil.gateway.security.GatewayUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Alert commands over REST (analyst role), the same as STOMP {@code /app/alerts/<id>/ack|resolve}. */
@RestController
@RequestMapping("/api/alerts")
class CommandApiController {

    private final AlertCommands commands;

    CommandApiController(AlertCommands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Acknowledge an alert; optional body {\"note\": \"...\"}")
    @PostMapping("/{id}/ack")
    ResponseEntity<AlertReply> acknowledge(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @RequestBody(required = false) Map<String, String> body) {
        return answer(commands.submit(GatewayUser.from(jwt), id, AlertAction.ACKNOWLEDGE, note(body)));
    }

    @Operation(summary = "Resolve an alert; optional body {\"note\": \"...\"}")
    @PostMapping("/{id}/resolve")
    ResponseEntity<AlertReply> resolve(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @RequestBody(required = false) Map<String, String> body) {
        return answer(commands.submit(GatewayUser.from(jwt), id, AlertAction.RESOLVE, note(body)));
    }

    private static String note(Map<String, String> body) {
        return body == null ? null : body.get("note");
    }

    private static ResponseEntity<AlertReply> answer(AlertReply reply) {
        return ResponseEntity.status(reply.accepted() ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).body(reply);
    }
}
