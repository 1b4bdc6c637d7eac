package io.vigil.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.access.AccessDeniedException;

class StompErrorHandlerTest {

    @Test
    void refusalsKeepTheirMessageThroughWrapping() {
        var wrapped = new MessageDeliveryException(
                MessageBuilder.withPayload("x").build(), new StompRefusal("Forbidden: reason"));
        assertThat(StompErrorHandler.reason(wrapped)).isEqualTo("Forbidden: reason");
    }

    @Test
    void otherFailuresSayWhatHappened() {
        assertThat(StompErrorHandler.reason(new MessageDeliveryException(
                        MessageBuilder.withPayload("x").build(), new AccessDeniedException("Access Denied"))))
                .isEqualTo("Forbidden: access denied");
        assertThat(StompErrorHandler.reason(new StompConversionException(
                        "The configured STOMP frame buffer size limit of 65536 bytes has been exceeded")))
                .startsWith("Frame too large: ");
        assertThat(StompErrorHandler.reason(new StompConversionException(
                        "STOMP 'content-length' header value 11074 exceeds configured buffer size limit 8192")))
                .isEqualTo(
                        "Frame too large: STOMP 'content-length' header value 11074 exceeds configured buffer size limit 8192");
        assertThat(StompErrorHandler.reason(new IllegalStateException("boom"))).isEqualTo("Refused: boom");
    }
}
