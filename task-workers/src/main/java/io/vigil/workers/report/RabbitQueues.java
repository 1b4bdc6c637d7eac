package io.vigil.workers.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Queue depths from the RabbitMQ management API ({@code GET /api/queues/{vhost}}); the workers'
 * user has the monitoring tag for it.
 */
@Component
class RabbitQueues {

    private final RestClient client;
    private final ReportProperties.Management management;

    RabbitQueues(RestClient.Builder builder, ReportProperties properties) {
        this.management = properties.management();
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(management.timeout());
        requests.setReadTimeout(management.timeout());
        this.client = builder.clone()
                .baseUrl(management.url().toString())
                .requestFactory(requests)
                .defaultHeaders(headers -> headers.setBasicAuth(management.username(), management.password()))
                .build();
    }

    /** name, messages, ready, unacknowledged and consumers of every queue in the vhost. */
    List<Map<String, Object>> depths() {
        List<Map<String, Object>> queues = client.get()
                .uri(
                        "/api/queues/{vhost}?columns=name,messages,messages_ready,messages_unacknowledged,consumers",
                        management.vhost())
                .retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {});
        List<Map<String, Object>> out = new ArrayList<>();
        if (queues == null) return out;
        for (Map<String, Object> queue : queues) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", queue.get("name"));
            row.put("messages", queue.getOrDefault("messages", 0));
            row.put("ready", queue.getOrDefault("messages_ready", 0));
            row.put("unacknowledged", queue.getOrDefault("messages_unacknowledged", 0));
            row.put("consumers", queue.getOrDefault("consumers", 0));
            out.add(row);
        }
        return out;
    }
}
