package io.vigil.stream.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Synthetic SIEM records for the benchmark, in the real input formats and in a realistic mix:
 * 55% Suricata alerts, 25% Suricata flows, 10% Windows failed logons, 10% canonical events, from a
 * pool of 5,000 source addresses, 2,000 users and 8 tenants.
 */
final class SyntheticEvents {

    static final int TENANTS = 8;
    private final SplittableRandom random = new SplittableRandom(42);

    String tenant(long i) {
        return "bench-" + (i % TENANTS);
    }

    byte[] next(long i, Instant time) {
        int kind = random.nextInt(100);
        // 5,000 sources and 1,000 destinations: a busy network, where most events touch known entities.
        int s = random.nextInt(5_000);
        String src = "10.1." + (s / 250) + "." + (s % 250);
        String dst = "172.16." + random.nextInt(4) + "." + random.nextInt(250);
        String json;
        if (kind < 55) {
            json = """
                    {"timestamp":"%s","flow_id":%d,"in_iface":"eth0","event_type":"alert","src_ip":"%s","src_port":%d,\
                    "dest_ip":"%s","dest_port":%d,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":%d,\
                    "rev":3,"signature":"ET SCAN synthetic %d","category":"Attempted Information Leak","severity":%d}}""".formatted(
                            time,
                            i,
                            src,
                            1024 + random.nextInt(60000),
                            dst,
                            random.nextInt(1024),
                            2000000 + kind,
                            kind,
                            1 + random.nextInt(3));
        } else if (kind < 80) {
            json = """
                    {"timestamp":"%s","flow_id":%d,"event_type":"flow","src_ip":"%s","src_port":%d,"dest_ip":"%s",\
                    "dest_port":443,"proto":"TCP","app_proto":"tls","flow":{"pkts_toserver":12,"pkts_toclient":10,\
                    "bytes_toserver":1800,"bytes_toclient":9000,"start":"%s","state":"closed"}}""".formatted(time, i, src, 1024 + random.nextInt(60000), dst, time);
        } else if (kind < 90) {
            json = """
                    {"EventID":4625,"Computer":"DC0%d.corp.example","TimeCreated":"%s","EventRecordID":%d,\
                    "TargetUserName":"user%d","LogonType":"3","IpAddress":"%s","IpPort":"%d"}""".formatted(random.nextInt(3), time, i, random.nextInt(2000), src, 1024 + random.nextInt(60000));
        } else {
            json = """
                    {"id":"syn-%d","time":"%s","category":"malware","action":"alert","severity":"HIGH",\
                    "entities":{"host":"ws-%d","user":"user%d","srcIp":"%s"},"signature":"EDR synthetic"}""".formatted(i, time, random.nextInt(3000), random.nextInt(2000), src);
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
