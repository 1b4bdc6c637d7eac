package io.vigil.infra.asyncapi;

import static io.vigil.infra.RepoFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.topic.TopicNames;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.infra.RepoFiles;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/asyncapi.yaml stays true: every contracts record is documented, with exactly the properties
 * VigilSerdes writes (a new record component fails here until it is documented), primitives required,
 * matching types and enums; every Kafka topic is a channel with its partitions and cleanup policy;
 * every STOMP destination of docs/gateway.md is a channel; every $ref resolves.
 */
class AsyncApiDocumentTest {

    /** Contracts records that are not message payloads. */
    private static final Set<String> NOT_MESSAGES =
            Set.of("io.vigil.contracts.topic.Topic", "io.vigil.contracts.topic.TopicNames");

    private final Map<String, Object> document = RepoFiles.yaml(RepoFiles.path("docs/asyncapi.yaml"));
    private final RecordSchemas schemas = new RecordSchemas(at(document, "components", "schemas"));

    @Test
    void isAnAsyncApi3DocumentWhoseReferencesResolve() {
        assertThat(document.get("asyncapi")).isEqualTo("3.0.0");
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).hasSizeGreaterThan(50);
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            Object target = at(document, ref.substring(2).split("/"));
            assertThat(target).as(ref).isNotNull();
        }
    }

    @Test
    void everyContractsRecordIsDocumented() throws ClassNotFoundException {
        Path sources = RepoFiles.path("contracts/src/main/java");
        Pattern record = Pattern.compile("public record (\\w+)");
        Set<String> records = new TreeSet<>();
        for (Path file : RepoFiles.files(sources, ".java")) {
            Matcher m = record.matcher(RepoFiles.read(file));
            if (m.find()) {
                String packageName =
                        sources.relativize(file.getParent()).toString().replace('/', '.');
                records.add(packageName + "." + m.group(1));
            }
        }
        records.removeAll(NOT_MESSAGES);
        assertThat(records).hasSizeGreaterThanOrEqualTo(14);
        for (String name : records) {
            schemas.schemaOf(Class.forName(name));
        }
    }

    @Test
    void everyRecordSchemaHasExactlyThePropertiesVigilSerdesWrites() throws ClassNotFoundException {
        int checked = 0;
        for (var entry : schemas.schemas().entrySet()) {
            String recordName = (String) entry.getValue().get(RecordSchemas.RECORD);
            if (recordName == null) {
                continue;
            }
            Class<?> type = Class.forName(recordName);
            Map<String, Map<String, Object>> properties = at(entry.getValue(), "properties");
            List<String> required = at(entry.getValue(), "required");
            Set<String> requiredSet = new HashSet<>(required == null ? List.of() : required);
            String where = "schema " + entry.getKey();

            assertThat(properties.keySet()).as(where + " properties vs JSON").isEqualTo(jsonPropertyNames(type));
            assertThat(properties.keySet()).as(where + " required ⊆ properties").containsAll(requiredSet);
            for (RecordComponent component : type.getRecordComponents()) {
                String json = RecordSchemas.jsonName(component);
                if (component.getType().isPrimitive()) {
                    assertThat(requiredSet)
                            .as(where + ": primitive " + json + " is always set")
                            .contains(json);
                }
                schemas.checkType(where + "." + json, component.getGenericType(), properties.get(json));
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(14);
    }

    @Test
    void everyKafkaTopicIsAChannelWithItsPartitionsAndCleanupPolicy() {
        Map<String, RepoFiles.TopicDeclaration> declared = RepoFiles.topicsConf();
        Map<String, Map<String, Object>> kafka = channelsOn("kafka");
        assertThat(kafka.keySet()).isEqualTo(declared.keySet());
        Set<String> contractTopics = Arrays.stream(TopicNames.class.getRecordComponents())
                .map(c -> (String) invoke(c, TopicNames.DEFAULTS))
                .collect(Collectors.toSet());
        assertThat(kafka.keySet()).containsAll(contractTopics);
        for (var declaration : declared.values()) {
            Map<String, Object> binding = at(kafka.get(declaration.name()), "bindings", "kafka");
            assertThat(binding.get("topic")).isEqualTo(declaration.name());
            assertThat(binding.get("partitions")).as(declaration.name()).isEqualTo(declaration.partitions());
            Map<String, Object> config = at(binding, "topicConfiguration");
            for (var setting : config.entrySet()) {
                Object value = setting.getValue() instanceof List<?> list
                        ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                        : String.valueOf(setting.getValue());
                assertThat(value)
                        .as(declaration.name() + " " + setting.getKey())
                        .isEqualTo(declaration.configs().get(setting.getKey()));
            }
            for (String key : List.of("cleanup.policy", "retention.ms", "delete.retention.ms")) {
                if (declaration.configs().containsKey(key)) {
                    assertThat(config).as(declaration.name()).containsKey(key);
                }
            }
        }
    }

    @Test
    void everyStompDestinationOfTheGatewayIsAChannel() {
        String gateway = RepoFiles.read("docs/gateway.md");
        String table = gateway.substring(gateway.indexOf("## STOMP destinations"));
        table = table.substring(0, table.indexOf("\n\n", table.indexOf("| destination")));
        Set<String> destinations = new TreeSet<>();
        for (String row : table.lines().filter(l -> l.startsWith("| `/")).toList()) {
            Matcher code = Pattern.compile("`(/[^`]+)`").matcher(row.split("\\|")[1]);
            while (code.find()) {
                destinations.add(code.group(1).replaceAll("<(\\w+)>", "{$1}"));
            }
        }
        assertThat(destinations).hasSizeGreaterThanOrEqualTo(12);
        assertThat(channelsOn("gateway").keySet()).containsAll(destinations);
    }

    private Map<String, Map<String, Object>> channelsOn(String server) {
        Map<String, Map<String, Object>> channels = at(document, "channels");
        return channels.values().stream()
                .filter(c -> ((List<Map<String, Object>>) c.get("servers"))
                        .stream().anyMatch(s -> ("#/servers/" + server).equals(s.get("$ref"))))
                .collect(Collectors.toMap(c -> (String) c.get("address"), c -> c));
    }

    private static Set<String> jsonPropertyNames(Class<?> type) {
        Object sample = SampleRecords.of(type);
        byte[] json = VigilSerdes.json((Class<Object>) type).serializer().serialize("t", sample);
        JsonNode node = JsonMapper.builder().build().readTree(json);
        return node.properties().stream().map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static Object invoke(RecordComponent component, Object target) {
        try {
            return component.getAccessor().invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("$ref".equals(k)) refs.add((String) v);
                else collectRefs(v, refs);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRefs(item, refs));
        }
    }
}
