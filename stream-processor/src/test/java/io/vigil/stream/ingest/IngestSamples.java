package io.vigil.stream.ingest;

import java.util.List;

/**
 * One record of each supported format other than Suricata (whose real samples are in
 * ../shared/data), shaped as the producing tools write them.
 */
public final class IngestSamples {

    public static final String ZEEK_CONN = """
            {"ts":1795341600.123456,"uid":"CHhAvVGS1DHFjwGM9","id.orig_h":"10.0.0.5","id.orig_p":49152,
             "id.resp_h":"93.184.216.34","id.resp_p":443,"proto":"tcp","service":"ssl","duration":0.3,
             "orig_bytes":517,"resp_bytes":4823,"conn_state":"SF","missed_bytes":0,"history":"ShADadfF"}""";
    public static final String ZEEK_NOTICE = """
            {"ts":"2026-11-22T09:10:00.000000Z","uid":"C5bLoe2Mvxqhawzqqd","id.orig_h":"203.0.113.9",
             "id.orig_p":55000,"id.resp_h":"10.0.0.8","id.resp_p":22,"note":"Scan::Port_Scan",
             "msg":"203.0.113.9 scanned at least 15 unique ports of host 10.0.0.8 in 0m2s","src":"203.0.113.9",
             "actions":["Notice::ACTION_LOG"],"suppress_for":3600.0}""";
    public static final String ZEEK_SSH = """
            {"_path":"ssh","ts":1795341700.5,"uid":"CmES5u32sYpV7JYN","id.orig_h":"203.0.113.9","id.orig_p":40022,
             "id.resp_h":"10.0.0.8","id.resp_p":22,"version":2,"auth_success":false,"auth_attempts":3,
             "client":"SSH-2.0-libssh_0.9.6","server":"SSH-2.0-OpenSSH_8.9p1"}""";
    public static final String ZEEK_RDP = """
            {"ts":1795341800.0,"uid":"Cx1","id.orig_h":"198.51.100.4","id.orig_p":51000,"id.resp_h":"10.0.0.9",
             "id.resp_p":3389,"cookie":"admin","result":"Success","security_protocol":"HYBRID"}""";
    public static final String ZEEK_NTLM = """
            {"ts":1795341900.0,"uid":"Cx2","id.orig_h":"10.0.0.21","id.orig_p":50123,"id.resp_h":"10.0.0.2",
             "id.resp_p":445,"username":"CORP\\\\carol","hostname":"WS-21","domainname":"CORP",
             "server_nb_computer_name":"FS01","success":true}""";
    public static final String ECS = """
            {"@timestamp":"2026-11-22T09:20:00.000Z","ecs":{"version":"8.11.0"},
             "event":{"kind":"event","category":["authentication"],"type":["start"],"action":"user_login",
                      "outcome":"failure","id":"ecs-42"},
             "source":{"ip":"203.0.113.7","port":50022},"destination":{"ip":"10.0.0.8","port":22},
             "user":{"name":"alice"},"host":{"name":"bastion-1"},"agent":{"type":"filebeat"},
             "message":"Failed password for alice"}""";
    public static final String OCSF = """
            {"class_uid":3002,"class_name":"Authentication","category_uid":3,"activity_id":1,
             "activity_name":"Logon","time":1795339800000,"severity_id":3,"status_id":2,
             "metadata":{"uid":"ocsf-7","product":{"name":"Okta","vendor_name":"Okta"},"version":"1.1.0"},
             "user":{"name":"dave@example.com"},"src_endpoint":{"ip":"192.0.2.44"},
             "message":"User login failed"}""";
    public static final String WINSEC_4625 = """
            {"EventID":4625,"Computer":"DC01.corp.example","TimeCreated":"2026-11-22T09:25:00.1234567Z",
             "Channel":"Security","EventRecordID":884211,"TargetUserName":"bob","TargetDomainName":"CORP",
             "LogonType":"3","IpAddress":"198.51.100.23","IpPort":"50211","Status":"0xc000006d"}""";
    public static final String WINSEC_4688 = """
            {"EventID":"4688","Hostname":"WS-7","EventTime":"2026-11-22 09:26:00",
             "EventData":{"SubjectUserName":"erin","NewProcessName":"C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe",
             "CommandLine":"powershell -enc SQBFAFgA"}}""";
    public static final String WINSEC_4720 = """
            {"EventID":4720,"Computer":"DC01.corp.example","TimeCreated":{"SystemTime":"2026-11-22T09:27:00Z"},
             "TargetUserName":"svc-backup2","SubjectUserName":"admin"}""";
    public static final String WINSEC_4740 = """
            {"EventId":4740,"MachineName":"DC01.corp.example","TimeCreated":"/Date(1795340880000)/",
             "TargetUserName":"bob","SubjectUserName":"DC01$"}""";
    public static final String CANONICAL = """
            {"id":"c-1","time":"2026-11-22T09:30:00Z","tenant":"acme","source":"custom-edr","category":"malware",
             "action":"alert","outcome":"unknown","severity":"CRITICAL",
             "entities":{"host":"laptop-3","user":"frank","srcIp":"10.1.1.3"},"signature":"Mimikatz detected"}""";

    public static final List<String> ALL = List.of(
            ZEEK_CONN,
            ZEEK_NOTICE,
            ZEEK_SSH,
            ZEEK_RDP,
            ZEEK_NTLM,
            ECS,
            OCSF,
            WINSEC_4625,
            WINSEC_4688,
            WINSEC_4720,
            WINSEC_4740,
            CANONICAL);

    private IngestSamples() {}
}
