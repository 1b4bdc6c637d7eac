package io.vigil.stream.ingest;

import io.vigil.contracts.event.SecurityEvent;

/** What ingest made of one record: a normalised event, or a dead letter with the original bytes. */
sealed interface IngestResult {

    record Normalised(SecurityEvent event) implements IngestResult {}

    record DeadLetter(byte[] original) implements IngestResult {}
}
