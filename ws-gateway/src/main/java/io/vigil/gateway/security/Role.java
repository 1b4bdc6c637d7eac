package io.vigil.gateway.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Roles carried in the {@code roles} claim. Each role includes the ones below it. */
public enum Role {
    VIEWER,
    ANALYST,
    ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    /** This role and every role it includes (admin includes analyst includes viewer). */
    public Set<Role> withIncluded() {
        return EnumSet.range(VIEWER, this);
    }

    public static Optional<Role> fromId(String id) {
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
