package io.vigil.gateway;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link SecurityIT} again in delivery mode {@code relay} ({@code SecurityIT} itself runs in the default mode,
 * {@code shared}): clients cannot tell the modes apart.
 */
@TestPropertySource(properties = "vigil.delivery.mode=relay")
class RelaySecurityIT extends SecurityIT {}
