package io.vigil.simulator.formats;

import static io.vigil.simulator.formats.Fields.putIfPresent;

import io.vigil.contracts.event.Outcome;
import io.vigil.simulator.population.Site;
import io.vigil.simulator.traffic.Activity;
import java.time.Instant;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Zeek JSON logs (LogAscii::use_json) for conn.log, ssh.log and notice.log. Each record carries the
 * log's name in {@code _path}, as Zeek's JSON streaming writer and most shippers add it, since a
 * JSON line on its own does not say which log it came from. {@code ts} is epoch seconds.
 */
public final class ZeekWriter implements FormatWriter {

    @Override
    public SourceFormat format() {
        return SourceFormat.ZEEK;
    }

    @Override
    public boolean supports(Activity a) {
        return switch (a.kind()) {
            case NETWORK, NOTICE -> a.srcIp() != null;
            case AUTHENTICATION -> "ssh".equals(a.appProto());
            default -> false;
        };
    }

    @Override
    public ObjectNode write(Activity a, Site site) {
        return switch (a.kind()) {
            case AUTHENTICATION -> ssh(a);
            case NOTICE -> notice(a);
            default -> conn(a);
        };
    }

    private static ObjectNode conn(Activity a) {
        boolean rejected = a.outcome() == Outcome.FAILURE;
        ObjectNode log = header("conn", a, true);
        log.put("proto", a.transport() == null ? "tcp" : a.transport());
        putIfPresent(log, "service", rejected ? null : a.appProto());
        log.put("duration", a.traffic().durationSeconds());
        log.put("orig_bytes", rejected ? 0 : a.traffic().bytesOut());
        log.put("resp_bytes", rejected ? 0 : a.traffic().bytesIn());
        log.put("conn_state", rejected ? "REJ" : "SF");
        log.put("local_orig", Fields.isInternal(a.srcIp()));
        log.put("local_resp", Fields.isInternal(a.dstIp()));
        log.put("missed_bytes", 0);
        log.put("history", rejected ? "Sr" : "ShADadFf");
        log.put("orig_pkts", a.traffic().packetsOut());
        log.put("orig_ip_bytes", a.traffic().bytesOut() + 40 * a.traffic().packetsOut());
        log.put("resp_pkts", a.traffic().packetsIn());
        log.put("resp_ip_bytes", a.traffic().bytesIn() + 40 * a.traffic().packetsIn());
        return log;
    }

    private static ObjectNode ssh(Activity a) {
        ObjectNode log = header("ssh", a, true);
        log.put("version", 2);
        log.put("auth_success", a.outcome() == Outcome.SUCCESS);
        log.put("auth_attempts", 1);
        log.put("direction", Fields.isInternal(a.srcIp()) ? "OUTBOUND" : "INBOUND");
        log.put("client", Fields.isInternal(a.srcIp()) ? "SSH-2.0-OpenSSH_9.6" : "SSH-2.0-libssh_0.9.6");
        log.put("server", "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6");
        log.put("cipher_alg", "chacha20-poly1305@openssh.com");
        log.put("mac_alg", "umac-64-etm@openssh.com");
        log.put("compression_alg", "none");
        log.put("kex_alg", "curve25519-sha256");
        log.put("host_key_alg", "ssh-ed25519");
        log.put("host_key", "e4:b1:8e:ca:6e:0e:e5:3c:7e:a4:0e:70:34:9d:3e:4b");
        return log;
    }

    private static ObjectNode notice(Activity a) {
        ObjectNode log = header("notice", a, a.srcPort() != null);
        log.put("proto", a.transport() == null ? "tcp" : a.transport());
        log.put("note", a.signatureCategory());
        log.put("msg", a.detail());
        putIfPresent(log, "sub", a.host());
        log.put("src", a.srcIp());
        putIfPresent(log, "dst", a.dstIp());
        putIfPresent(log, "p", a.dstPort());
        log.putArray("actions").add("Notice::ACTION_LOG");
        log.put("suppress_for", 3600.0);
        return log;
    }

    private static ObjectNode header(String path, Activity a, boolean withConnection) {
        ObjectNode log = JsonNodeFactory.instance.objectNode();
        log.put("_path", path);
        log.put("ts", epochSeconds(a.time()));
        if (withConnection) {
            log.put("uid", FlowIdentity.zeekUid(a));
            log.put("id.orig_h", a.srcIp());
            putIfPresent(log, "id.orig_p", a.srcPort());
            log.put("id.resp_h", a.dstIp());
            putIfPresent(log, "id.resp_p", a.dstPort());
        }
        return log;
    }

    static double epochSeconds(Instant time) {
        return time.getEpochSecond() + time.getNano() / 1e9;
    }
}
