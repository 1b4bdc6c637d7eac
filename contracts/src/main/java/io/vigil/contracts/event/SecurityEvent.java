package io.vigil.contracts.event;

import java.time.Instant;

/**
 * The canonical security event every supported SIEM format is normalised into; also accepted as
 * input on {@code siem.events} as is. The JSON schema is documented in docs/events.md.
 *
 * @param id stable event id (the source's id, or a hash of the original bytes)
 * @param time when the event happened (event time, not ingestion time)
 * @param tenant the tenant the event belongs to
 * @param source the producing sensor or product, e.g. "suricata", "zeek", "windows"
 * @param category what kind of activity: authentication, network, intrusion_detection, process,
 *     iam, malware, file, web, dns, other
 * @param action what happened, e.g. logon, connection, alert, process_start, user_created
 * @param outcome success, failure or unknown
 * @param severity normalised severity
 * @param entities hosts, users, addresses and ports involved
 * @param signature rule or event name, human readable
 * @param signatureId rule or event id in the source's own numbering
 * @param raw where the original record is
 */
public record SecurityEvent(
        String id,
        Instant time,
        String tenant,
        String source,
        String category,
        String action,
        Outcome outcome,
        Severity severity,
        Entities entities,
        String signature,
        String signatureId,
        RawReference raw) {

    public SecurityEvent {
        entities = entities == null ? Entities.NONE : entities;
        outcome = outcome == null ? Outcome.UNKNOWN : outcome;
    }
}
