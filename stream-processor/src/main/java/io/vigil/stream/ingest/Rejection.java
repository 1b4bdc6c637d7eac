package io.vigil.stream.ingest;

/**
 * Why a record cannot be normalised. Carries the pipeline stage that refused it, so the dead-letter
 * headers say both where and why.
 */
final class Rejection extends RuntimeException {

    static final String SIZE = "size";
    static final String PARSE = "parse";
    static final String DETECT = "detect";
    static final String NORMALISE = "normalise";
    static final String VALIDATE = "validate";

    private final String stage;

    Rejection(String stage, String reason) {
        super(reason, null, false, false);
        this.stage = stage;
    }

    static Rejection missing(String field) {
        return new Rejection(NORMALISE, "missing required field '" + field + "'");
    }

    String stage() {
        return stage;
    }
}
