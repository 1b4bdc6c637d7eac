package io.vigil.gateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.vigil.gateway.presence.PresenceTracker;
import io.vigil.gateway.security.GatewayUser;
import io.vigil.gateway.state.StateEntry;
import io.vigil.gateway.state.StateStore;
import io.vigil.gateway.stream.Kind;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only REST views of the caller's tenant state (the same entries snapshots serve): entities by
 * score, metrics windows, anomalies, open alerts, who is online.
 */
@RestController
@RequestMapping("/api")
class StateApiController {

    private final StateStore state;
    private final PresenceTracker presence;

    StateApiController(StateStore state, PresenceTracker presence) {
        this.state = state;
        this.presence = presence;
    }

    @Operation(
            summary =
                    "Entities of your tenant, highest threat score first; filter by level (LOW..CRITICAL) and type (host, user, ip)")
    @GetMapping("/entities")
    List<StateEntry> entities(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "50") int limit) {
        GatewayUser user = GatewayUser.from(jwt);
        return state.latest(user.tenant(), Kind.SCORES).stream()
                .filter(e -> level == null
                        || level.equalsIgnoreCase(e.value().path("level").asString("")))
                .filter(e -> type == null
                        || type.equalsIgnoreCase(e.value().path("entityType").asString("")))
                .sorted(Comparator.comparingDouble(
                                (StateEntry e) -> e.value().path("score").asDouble())
                        .reversed())
                .limit(Math.max(1, Math.min(limit, 1000)))
                .toList();
    }

    @Operation(summary = "One entity by its key tenant/type/id, e.g. /api/entities/acme/ip/10.0.0.5")
    @GetMapping("/entities/{*key}")
    ResponseEntity<StateEntry> entity(@AuthenticationPrincipal Jwt jwt, @PathVariable String key) {
        GatewayUser user = GatewayUser.from(jwt);
        String recordKey = key.startsWith("/") ? key.substring(1) : key;
        return ResponseEntity.of(state.get(user.tenant(), Kind.SCORES, recordKey));
    }

    @Operation(summary = "Recent one-minute metrics windows, newest first; filter by dimension")
    @GetMapping("/metrics")
    List<StateEntry> metrics(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String dimension) {
        return newestFirst(
                state.latest(GatewayUser.from(jwt).tenant(), Kind.METRICS).stream()
                        .filter(e -> dimension == null
                                || dimension.equals(e.value().path("dimension").asString("")))
                        .toList(),
                "windowStart");
    }

    @Operation(summary = "Recent anomalies, newest first")
    @GetMapping("/anomalies")
    List<StateEntry> anomalies(@AuthenticationPrincipal Jwt jwt) {
        return newestFirst(state.latest(GatewayUser.from(jwt).tenant(), Kind.ANOMALIES), "detectedAt");
    }

    @Operation(summary = "Open and acknowledged alerts, newest first")
    @GetMapping("/alerts")
    List<StateEntry> alerts(@AuthenticationPrincipal Jwt jwt) {
        return newestFirst(state.latest(GatewayUser.from(jwt).tenant(), Kind.ALERTS), "updatedAt");
    }

    @Operation(summary = "Who is online in your tenant")
    @GetMapping("/presence")
    PresenceTracker.Online online(@AuthenticationPrincipal Jwt jwt) {
        return presence.online(GatewayUser.from(jwt).tenant());
    }

    /** ISO-8601 instants sort as strings. */
    private static List<StateEntry> newestFirst(List<StateEntry> entries, String field) {
        return entries.stream()
                .sorted(Comparator.comparing(
                                (StateEntry e) -> e.value().path(field).asString(""))
                        .reversed())
                .toList();
    }
}
