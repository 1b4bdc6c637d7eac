package io.vigil.gateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.vigil.contracts.alert.AlertAction;
import io.vigil.gateway.alert.AlertCommands;
import io.vigil.gateway.alert.AlertReply;
import io.vigil.gateway.security.AlertIds;
import io.vigil.gateway.security.GatewayUser;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alert commands over REST (analyst role), the same as STOMP
 * {@code /app/alerts/<tenant>/<token>/ack|resolve}: the alert id is {@code <tenant>/<token>}, and the
 * tenant must be the caller's.
 */
@RestController
@RequestMapping("/api/alerts")
class CommandApiController {

    private final AlertCommands commands;

    CommandApiController(AlertCommands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Acknowledge alert <tenant>/<token>; optional body {\"note\": \"...\"}")
    @PostMapping("/{tenant}/{token}/ack")
    ResponseEntity<AlertReply> acknowledge(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String tenant,
            @PathVariable String token,
            @RequestBody(required = false) Map<String, String> body) {
        return submit(jwt, tenant, token, AlertAction.ACKNOWLEDGE, body);
    }

    @Operation(summary = "Resolve alert <tenant>/<token>; optional body {\"note\": \"...\"}")
    @PostMapping("/{tenant}/{token}/resolve")
    ResponseEntity<AlertReply> resolve(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String tenant,
            @PathVariable String token,
            @RequestBody(required = false) Map<String, String> body) {
        return submit(jwt, tenant, token, AlertAction.RESOLVE, body);
    }

    private ResponseEntity<AlertReply> submit(
            Jwt jwt, String tenant, String token, AlertAction action, Map<String, String> body) {
        GatewayUser user = GatewayUser.from(jwt);
        String id = tenant + "/" + token;
        Optional<String> refusal = AlertIds.refusal(user, tenant, token);
        if (refusal.isPresent()) {
            // 403 for another tenant's alert, 400 for something that is not an alert id
            HttpStatus status = refusal.get().startsWith("Forbidden") ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
            return ResponseEntity.status(status)
                    .body(new AlertReply(
                            null, id, action.name().toLowerCase(java.util.Locale.ROOT), false, refusal.get()));
        }
        AlertReply reply = commands.submit(user, id, action, body == null ? null : body.get("note"));
        return ResponseEntity.status(reply.accepted() ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT)
                .body(reply);
    }
}
