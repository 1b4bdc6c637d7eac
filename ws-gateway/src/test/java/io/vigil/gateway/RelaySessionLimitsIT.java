package io.vigil.gateway;

import org.springframework.test.context.TestPropertySource;

/** {@link SessionLimitsIT} again in delivery mode {@code relay}: sessions end the same way. */
@TestPropertySource(properties = "vigil.delivery.mode=relay")
class RelaySessionLimitsIT extends SessionLimitsIT {}
