package io.vigil.contracts.score;

/**
 * One of the main reasons behind a score: the decayed contribution of one kind of activity.
 *
 * @param category event category, e.g. intrusion_detection
 * @param signature the signature or action that contributed most within that category
 * @param contribution the decayed points this factor currently adds to the score
 * @param events how many events fed this factor
 */
public record ScoreFactor(String category, String signature, double contribution, long events) {}
