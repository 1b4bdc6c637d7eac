package io.vigil.simulator.kafka;

/**
 * One record for siem.events.
 *
 * @param key record key ({@code tenant/entity}), or null to let the producer spread records
 * @param tenant value of the {@code vigil-tenant} header, or null for none
 * @param format value of the {@code vigil-format} header, or null for none
 * @param value the JSON bytes, as they are
 */
public record OutboundRecord(String key, String tenant, String format, byte[] value) {}
