package io.vigil.gateway;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link CommandsAndApiIT} again in delivery mode {@code relay} ({@code CommandsAndApiIT} itself runs in the default mode,
 * {@code shared}): clients cannot tell the modes apart.
 */
@TestPropertySource(properties = "vigil.delivery.mode=relay")
class RelayCommandsAndApiIT extends CommandsAndApiIT {}
