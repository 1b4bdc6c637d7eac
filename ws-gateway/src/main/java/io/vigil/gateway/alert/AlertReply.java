package io.vigil.gateway.alert;

/**
 * The answer to an alert command, on {@code /user/queue/replies} (STOMP) or as the REST body. The
 * new alert state itself arrives on {@code /topic/<tenant>.alerts} once the stream processor has
 * applied the command.
 */
public record AlertReply(String commandId, String alertId, String action, boolean accepted, String message) {}
