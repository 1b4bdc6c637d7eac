package io.vigil.contracts.score;

/** The kinds of entity a threat score is kept for. The lower-case name is used in keys. */
public enum EntityType {
    HOST,
    USER,
    IP;

    public String keyPart() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static EntityType fromKeyPart(String part) {
        return valueOf(part.toUpperCase(java.util.Locale.ROOT));
    }
}
