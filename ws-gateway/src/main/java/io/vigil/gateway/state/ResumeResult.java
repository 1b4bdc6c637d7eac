package io.vigil.gateway.state;

import java.util.List;

/**
 * The answer to "what did I miss since position {@code since}": either the entries after it, in
 * order, or {@code tooOld} (the history no longer reaches back that far: take a fresh snapshot).
 *
 * @param kind the stream kind
 * @param since the position the client asked from
 * @param tooOld true if the gap cannot be filled
 * @param reason why, when tooOld
 * @param entries the missed entries, oldest first (empty when tooOld)
 * @param lastSeq the newest position in the history (resume from here next time)
 */
public record ResumeResult(
        String kind, String since, boolean tooOld, String reason, List<StateEntry> entries, String lastSeq) {}
