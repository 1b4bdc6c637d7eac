package io.vigil.gateway;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link HeartbeatIT} again in delivery mode {@code relay} ({@code HeartbeatIT} itself runs in the default mode,
 * {@code shared}): clients cannot tell the modes apart.
 */
@TestPropertySource(properties = "vigil.delivery.mode=relay")
class RelayHeartbeatIT extends HeartbeatIT {}
