package io.vigil.gateway.bridge;

import java.util.List;

/**
 * Where the bridge delivers a batch of live messages. Returns only once every message was taken
 * over (for RabbitMQ: confirmed); throwing fails the batch, which is then retried.
 */
interface LivePublisher {

    void publish(List<BridgedRecord> records);
}
