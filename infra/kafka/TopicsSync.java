import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Makes the brokers' topics match infra/kafka/topics.conf in one JVM: creates missing topics,
 * raises partition counts and sets drifted configs. Run as a single-file program with the broker's
 * jars on the class path:
 *   java -cp 'libs/*' infra/kafka/TopicsSync.java BOOTSTRAP topics.conf [--describe]
 *       [--replication-factor N] [--min-insync-replicas N]
 * With --describe it only prints each declared topic with its partitions and configs. The same
 * topic list serves the single broker (replication factor 1, the default) and the 3-broker cluster
 * (cluster.sh: --replication-factor 3 --min-insync-replicas 2, the latter set as a topic config of
 * every declared topic). An existing topic's replication factor is reported, never changed.
 */
public class TopicsSync {

    record Declared(String name, int partitions, Map<String, String> configs) {}

    /** Replicas of each topic this run creates. */
    private static short replicationFactor = 1;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TopicsSync BOOTSTRAP TOPICS_CONF [--describe] [--replication-factor N]"
                    + " [--min-insync-replicas N]");
            System.exit(2);
        }
        boolean describeOnly = false;
        short replicas = 1;
        String minInsyncReplicas = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--describe" -> describeOnly = true;
                case "--replication-factor" -> replicas = Short.parseShort(args[++i]);
                case "--min-insync-replicas" -> minInsyncReplicas = String.valueOf(Integer.parseInt(args[++i]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Declared> declared = parse(Path.of(args[1]));
        if (minInsyncReplicas != null) {
            for (Declared topic : declared) {
                topic.configs().put("min.insync.replicas", minInsyncReplicas);
            }
        }
        replicationFactor = replicas;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!describeOnly) {
                sync(admin, declared, existing);
            }
            describe(admin, declared);
        }
    }

    static void sync(Admin admin, List<Declared> declared, Collection<String> existing) throws Exception {
        List<NewTopic> missing = new ArrayList<>();
        for (Declared topic : declared) {
            if (!existing.contains(topic.name())) {
                missing.add(new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(topic.configs()));
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            missing.forEach(t -> System.out.println("created topic " + t.name()));
        }
        var present = declared.stream().filter(t -> existing.contains(t.name())).toList();
        if (present.isEmpty()) {
            return;
        }
        var descriptions = admin.describeTopics(present.stream().map(Declared::name).toList())
                .allTopicNames().get(30, TimeUnit.SECONDS);
        Map<String, NewPartitions> grow = new LinkedHashMap<>();
        for (Declared topic : present) {
            int actual = descriptions.get(topic.name()).partitions().size();
            if (actual < topic.partitions()) {
                grow.put(topic.name(), NewPartitions.increaseTo(topic.partitions()));
            }
        }
        if (!grow.isEmpty()) {
            admin.createPartitions(grow).all().get(30, TimeUnit.SECONDS);
            grow.keySet().forEach(t -> System.out.println("increased partitions of " + t));
        }
        var resources = present.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
        var actualConfigs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> alter = new LinkedHashMap<>();
        for (Declared topic : present) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
            var actual = actualConfigs.get(resource);
            List<AlterConfigOp> ops = new ArrayList<>();
            topic.configs().forEach((key, value) -> {
                ConfigEntry entry = actual.get(key);
                if (entry == null || !value.equals(entry.value())) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty()) {
                alter.put(resource, ops);
            }
        }
        if (!alter.isEmpty()) {
            admin.incrementalAlterConfigs(alter).all().get(30, TimeUnit.SECONDS);
            alter.keySet().forEach(r -> System.out.println("updated configs of " + r.name()));
        }
    }

    static void describe(Admin admin, List<Declared> declared) throws Exception {
        var names = declared.stream().map(Declared::name).toList();
        var descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        var resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        for (Declared topic : declared) {
            var config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            var partitions = descriptions.get(topic.name()).partitions();
            StringBuilder line = new StringBuilder(String.format("%-18s partitions=%d", topic.name(),
                    partitions.size()));
            if (replicationFactor > 1) {
                // the assignment, and the smallest in-sync set: below the replicas while a broker is away
                line.append(" replicas=").append(partitions.getFirst().replicas().size());
                line.append(" min-isr-now=").append(partitions.stream()
                        .mapToInt(p -> p.isr().size())
                        .min()
                        .orElse(0));
            }
            topic.configs().keySet().forEach(key -> line.append(' ').append(key).append('=')
                    .append(config.get(key) == null ? "?" : config.get(key).value()));
            System.out.println(line);
        }
    }

    static List<Declared> parse(Path file) throws Exception {
        List<Declared> topics = new ArrayList<>();
        int lineNumber = 0;
        for (String raw : Files.readAllLines(file)) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 2) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": expected 'topic partitions [key=value ...]'");
            }
            Map<String, String> configs = new LinkedHashMap<>();
            for (int i = 2; i < fields.length; i++) {
                int eq = fields[i].indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": expected key=value, got " + fields[i]);
                }
                configs.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
            }
            topics.add(new Declared(fields[0], Integer.parseInt(fields[1]), configs));
        }
        return topics;
    }
}
