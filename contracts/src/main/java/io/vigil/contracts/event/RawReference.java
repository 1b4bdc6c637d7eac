package io.vigil.contracts.event;

/**
 * Where the original record of a normalised event can be found again.
 *
 * @param format the detected source format (suricata, zeek, ecs, ocsf, winsec, canonical)
 * @param topic the Kafka topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param originalId the source's own event id, if it has one
 */
public record RawReference(String format, String topic, Integer partition, Long offset, String originalId) {}
