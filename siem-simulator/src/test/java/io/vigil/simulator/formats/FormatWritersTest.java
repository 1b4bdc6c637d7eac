package io.vigil.simulator.formats;

import static io.vigil.simulator.formats.SuricataWriterTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import io.vigil.contracts.topic.VigilSerdes;
import io.vigil.simulator.Activities;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Each product writer uses that product's real field names and codes. */
class FormatWritersTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void zeekConnLogHasTheConnLogFields() {
        ObjectNode conn = new ZeekWriter().write(Activities.flow(), Activities.SITE);

        assertThat(keys(conn))
                .containsExactlyInAnyOrder(
                        "_path",
                        "ts",
                        "uid",
                        "id.orig_h",
                        "id.orig_p",
                        "id.resp_h",
                        "id.resp_p",
                        "proto",
                        "service",
                        "duration",
                        "orig_bytes",
                        "resp_bytes",
                        "conn_state",
                        "local_orig",
                        "local_resp",
                        "missed_bytes",
                        "history",
                        "orig_pkts",
                        "orig_ip_bytes",
                        "resp_pkts",
                        "resp_ip_bytes");
        assertThat(conn.get("_path").asString()).isEqualTo("conn");
        assertThat(conn.get("ts").asDouble()).isEqualTo(Activities.TIME.getEpochSecond() + 0.123456);
        assertThat(conn.get("uid").asString()).matches("C[0-9A-Za-z]{17}");
        assertThat(conn.get("conn_state").asString()).isEqualTo("SF");
        assertThat(conn.get("local_orig").asBoolean()).isTrue();
        assertThat(conn.get("local_resp").asBoolean()).isFalse();
    }

    @Test
    void zeekSshAndNoticeLogs() {
        ZeekWriter zeek = new ZeekWriter();
        ObjectNode ssh = zeek.write(Activities.sshLogon(Outcome.FAILURE), Activities.SITE);
        ObjectNode notice = zeek.write(Activities.notice(), Activities.SITE);

        assertThat(ssh.get("_path").asString()).isEqualTo("ssh");
        assertThat(keys(ssh)).contains("auth_success", "auth_attempts", "direction", "client", "server", "version");
        assertThat(ssh.get("auth_success").asBoolean()).isFalse();
        assertThat(ssh.get("direction").asString()).isEqualTo("INBOUND");
        assertThat(notice.get("_path").asString()).isEqualTo("notice");
        assertThat(keys(notice)).contains("ts", "note", "msg", "src", "dst", "actions", "suppress_for");
        assertThat(notice.get("note").asString()).isEqualTo("Scan::Port_Scan");
        assertThat(zeek.supports(Activities.windowsLogon(Outcome.SUCCESS))).isFalse();
        assertThat(zeek.supports(Activities.processStart())).isFalse();
    }

    @Test
    void ecsDocumentsUseNestedEcsFields() {
        EcsWriter ecs = new EcsWriter();
        ObjectNode logon = ecs.write(Activities.windowsLogon(Outcome.FAILURE), Activities.SITE);
        ObjectNode process = ecs.write(Activities.processStart(), Activities.SITE);
        ObjectNode dns = ecs.write(Activities.dns(), Activities.SITE);

        assertThat(keys(logon)).contains("@timestamp", "ecs", "event", "host", "user", "source", "destination");
        assertThat(logon.at("/event/category/0").asString()).isEqualTo("authentication");
        assertThat(logon.at("/event/outcome").asString()).isEqualTo("failure");
        assertThat(logon.at("/user/name").asString()).isEqualTo("alice.smith");
        assertThat(logon.at("/source/ip").asString()).isEqualTo("10.10.1.21");
        assertThat(logon.at("/ecs/version").asString()).startsWith("8.");
        assertThat(process.at("/process/executable").asString()).endsWith("cmd.exe");
        assertThat(process.at("/process/parent/name").asString()).isEqualTo("explorer.exe");
        assertThat(dns.at("/dns/question/name").asString()).isEqualTo("github.com");
        assertThat(dns.at("/network/transport").asString()).isEqualTo("udp");
    }

    @Test
    void ocsfAuthenticationAndNetworkActivityClasses() {
        OcsfWriter ocsf = new OcsfWriter();
        ObjectNode auth = ocsf.write(Activities.sshLogon(Outcome.FAILURE), Activities.SITE);
        ObjectNode net = ocsf.write(Activities.flow(), Activities.SITE);

        assertThat(auth.get("class_uid").asInt()).isEqualTo(3002);
        assertThat(auth.get("category_uid").asInt()).isEqualTo(3);
        assertThat(auth.get("type_uid").asLong()).isEqualTo(300201);
        assertThat(auth.get("status_id").asInt()).isEqualTo(2);
        assertThat(auth.at("/user/name").asString()).isEqualTo("root");
        assertThat(auth.at("/src_endpoint/ip").asString()).isEqualTo("185.220.101.7");
        assertThat(auth.get("time").asLong()).isEqualTo(Activities.TIME.toEpochMilli());
        assertThat(keys(auth)).contains("metadata", "severity_id", "activity_id", "class_name", "logon_type_id");
        assertThat(net.get("class_uid").asInt()).isEqualTo(4001);
        assertThat(net.get("type_uid").asLong()).isEqualTo(400106);
        assertThat(net.at("/traffic/bytes_in").asLong()).isEqualTo(48_000);
        assertThat(net.at("/dst_endpoint/port").asInt()).isEqualTo(443);
        assertThat(net.at("/connection_info/protocol_name").asString()).isEqualTo("tcp");
        assertThat(net.at("/metadata/version").asString()).isEqualTo("1.1.0");
    }

    @Test
    void windowsSecurityEventsCarryTheirEventIdsAndEventData() {
        WinSecWriter winsec = new WinSecWriter();
        ObjectNode failure = winsec.write(Activities.windowsLogon(Outcome.FAILURE), Activities.SITE);
        ObjectNode success = winsec.write(Activities.windowsLogon(Outcome.SUCCESS), Activities.SITE);
        ObjectNode process = winsec.write(Activities.processStart(), Activities.SITE);
        ObjectNode created = winsec.write(Activities.userCreated(), Activities.SITE);

        assertThat(failure.get("EventID").asInt()).isEqualTo(4625);
        assertThat(keys(failure))
                .contains(
                        "EventID",
                        "TimeCreated",
                        "Computer",
                        "Channel",
                        "TargetUserName",
                        "TargetDomainName",
                        "IpAddress",
                        "IpPort",
                        "LogonType",
                        "Status",
                        "SubStatus",
                        "Keywords");
        assertThat(failure.get("TargetUserName").asString()).isEqualTo("alice.smith");
        assertThat(failure.get("IpAddress").asString()).isEqualTo("10.10.1.21");
        assertThat(failure.get("Computer").asString()).isEqualTo("DC01.acme.local");
        assertThat(failure.get("Keywords").asString()).isEqualTo("Audit Failure");
        assertThat(failure.get("TimeCreated").asString()).isEqualTo(Activities.TIME.toString());
        assertThat(success.get("EventID").asInt()).isEqualTo(4624);
        assertThat(process.get("EventID").asInt()).isEqualTo(4688);
        assertThat(keys(process)).contains("NewProcessName", "CommandLine", "ParentProcessName", "SubjectUserName");
        assertThat(created.get("EventID").asInt()).isEqualTo(4720);
        assertThat(created.get("TargetUserName").asString()).isEqualTo("support_adm");
        assertThat(created.get("SubjectUserName").asString()).isEqualTo("administrator");
        assertThat(winsec.supports(Activities.sshLogon(Outcome.FAILURE))).isFalse();
    }

    @Test
    void aHostIsNamedTheSameWayInEveryFormatThatNamesIt() {
        String fqdn = "DC01.acme.local";
        var logon = Activities.windowsLogon(Outcome.FAILURE);

        assertThat(new WinSecWriter()
                        .write(logon, Activities.SITE)
                        .get("Computer")
                        .asString())
                .isEqualTo(fqdn);
        assertThat(new EcsWriter()
                        .write(logon, Activities.SITE)
                        .at("/host/name")
                        .asString())
                .isEqualTo(fqdn);
        assertThat(new OcsfWriter()
                        .write(logon, Activities.SITE)
                        .at("/dst_endpoint/hostname")
                        .asString())
                .isEqualTo(fqdn);
        assertThat(new CanonicalWriter(MAPPER)
                        .write(logon, Activities.SITE)
                        .at("/entities/host")
                        .asString())
                .isEqualTo(fqdn);
    }

    @Test
    void canonicalEventsReadBackAsSecurityEventsWithTheContractsSerde() {
        CanonicalWriter canonical = new CanonicalWriter(MAPPER);
        byte[] json = MAPPER.writeValueAsBytes(canonical.write(Activities.sshLogon(Outcome.FAILURE), Activities.SITE));

        SecurityEvent event;
        try (var serde = VigilSerdes.securityEvent()) {
            event = serde.deserializer().deserialize("siem.events", json);
        }
        assertThat(event.time()).isEqualTo(Activities.TIME);
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.category()).isEqualTo("authentication");
        assertThat(event.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(event.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(event.entities().user()).isEqualTo("root");
        assertThat(event.entities().srcIp()).isEqualTo("185.220.101.7");
        assertThat(event.id()).isNotBlank();
        assertThat(MAPPER.readTree(json).get("time").isString())
                .as("time as ISO-8601 text")
                .isTrue();
    }
}
