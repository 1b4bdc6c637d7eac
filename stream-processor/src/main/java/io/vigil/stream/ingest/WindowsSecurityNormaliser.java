package io.vigil.stream.ingest;

import static io.vigil.stream.ingest.JsonFields.integer;
import static io.vigil.stream.ingest.JsonFields.text;

import io.vigil.contracts.event.Entities;
import io.vigil.contracts.event.Outcome;
import io.vigil.contracts.event.SecurityEvent;
import io.vigil.contracts.event.Severity;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Windows Security event log records as JSON collectors export them (NXLog, Snare, Get-WinEvent,
 * Windows Event Forwarding to JSON): {@code EventID}, {@code Computer} or {@code Hostname},
 * {@code TimeCreated} or {@code EventTime}, and the event data either at the top level or under
 * {@code EventData}. Event ids without a mapping are kept as category "other".
 */
final class WindowsSecurityNormaliser {

    /** What a known event id means: category, action, outcome, severity, title. */
    private record Meaning(String category, String action, Outcome outcome, Severity severity, String title) {}

    private static final Map<Integer, Meaning> EVENTS = Map.ofEntries(
            Map.entry(
                    4624,
                    new Meaning(
                            "authentication",
                            "logon",
                            Outcome.SUCCESS,
                            Severity.INFO,
                            "An account was successfully logged on")),
            Map.entry(
                    4625,
                    new Meaning(
                            "authentication", "logon", Outcome.FAILURE, Severity.LOW, "An account failed to log on")),
            Map.entry(
                    4634,
                    new Meaning(
                            "authentication", "logoff", Outcome.SUCCESS, Severity.INFO, "An account was logged off")),
            Map.entry(
                    4648,
                    new Meaning(
                            "authentication",
                            "explicit_credentials_logon",
                            Outcome.SUCCESS,
                            Severity.LOW,
                            "A logon was attempted using explicit credentials")),
            Map.entry(
                    4672,
                    new Meaning(
                            "iam",
                            "privileged_logon",
                            Outcome.SUCCESS,
                            Severity.LOW,
                            "Special privileges assigned to new logon")),
            Map.entry(
                    4688,
                    new Meaning(
                            "process",
                            "process_start",
                            Outcome.SUCCESS,
                            Severity.INFO,
                            "A new process has been created")),
            Map.entry(
                    4697,
                    new Meaning(
                            "process",
                            "service_installed",
                            Outcome.SUCCESS,
                            Severity.MEDIUM,
                            "A service was installed in the system")),
            Map.entry(
                    4720,
                    new Meaning("iam", "user_created", Outcome.SUCCESS, Severity.MEDIUM, "A user account was created")),
            Map.entry(
                    4722,
                    new Meaning("iam", "user_enabled", Outcome.SUCCESS, Severity.LOW, "A user account was enabled")),
            Map.entry(
                    4724,
                    new Meaning(
                            "iam",
                            "password_reset",
                            Outcome.SUCCESS,
                            Severity.MEDIUM,
                            "An attempt was made to reset an account's password")),
            Map.entry(
                    4726,
                    new Meaning("iam", "user_deleted", Outcome.SUCCESS, Severity.MEDIUM, "A user account was deleted")),
            Map.entry(
                    4728,
                    new Meaning(
                            "iam",
                            "group_member_added",
                            Outcome.SUCCESS,
                            Severity.MEDIUM,
                            "A member was added to a security-enabled global group")),
            Map.entry(
                    4732,
                    new Meaning(
                            "iam",
                            "group_member_added",
                            Outcome.SUCCESS,
                            Severity.MEDIUM,
                            "A member was added to a security-enabled local group")),
            Map.entry(
                    4740,
                    new Meaning(
                            "authentication",
                            "account_locked",
                            Outcome.FAILURE,
                            Severity.MEDIUM,
                            "A user account was locked out")),
            Map.entry(
                    4756,
                    new Meaning(
                            "iam",
                            "group_member_added",
                            Outcome.SUCCESS,
                            Severity.MEDIUM,
                            "A member was added to a security-enabled universal group")),
            Map.entry(
                    4768,
                    new Meaning(
                            "authentication",
                            "kerberos_tgt",
                            Outcome.UNKNOWN,
                            Severity.INFO,
                            "A Kerberos authentication ticket (TGT) was requested")),
            Map.entry(
                    4771,
                    new Meaning(
                            "authentication",
                            "kerberos_preauth",
                            Outcome.FAILURE,
                            Severity.LOW,
                            "Kerberos pre-authentication failed")),
            Map.entry(
                    4776,
                    new Meaning(
                            "authentication",
                            "credential_validation",
                            Outcome.UNKNOWN,
                            Severity.INFO,
                            "The computer attempted to validate the credentials for an account")),
            Map.entry(
                    1102,
                    new Meaning(
                            "other",
                            "audit_log_cleared",
                            Outcome.SUCCESS,
                            Severity.HIGH,
                            "The audit log was cleared")));

    private WindowsSecurityNormaliser() {}

    static SecurityEvent normalise(SourceRecord record) {
        JsonNode root = record.root();
        Integer eventId = integer(root, "EventID", "EventID.#text", "EventId", "event_id");
        if (eventId == null) throw Rejection.missing("EventID");
        Meaning meaning = EVENTS.getOrDefault(
                eventId,
                new Meaning("other", "event_" + eventId, Outcome.UNKNOWN, Severity.INFO, "Windows event " + eventId));
        JsonNode timeNode = JsonFields.node(root, "TimeCreated.SystemTime");
        String timeField = "TimeCreated.SystemTime";
        for (String field : new String[] {"TimeCreated", "EventTime", "TimeGenerated", "@timestamp"}) {
            if (timeNode != null && !timeNode.isContainer()) break;
            timeNode = JsonFields.node(root, field);
            timeField = field;
        }
        String user = data(root, eventId == 4688 || eventId == 4672 ? "SubjectUserName" : "TargetUserName");
        if (user == null) user = data(root, "SubjectUserName");
        if (user != null && user.endsWith("$")) {
            user = data(root, "TargetUserName") != null
                            && !data(root, "TargetUserName").endsWith("$")
                    ? data(root, "TargetUserName")
                    : user;
        }
        var entities = new Entities(
                text(root, "Computer", "Hostname", "MachineName"),
                ZeekNormaliser.user(user),
                ip(data(root, "IpAddress")),
                integer(root, "IpPort", "EventData.IpPort"),
                null,
                null,
                eventId == 4624 && "10".equals(data(root, "LogonType")) ? "rdp" : null);
        String title = meaning.title();
        String process = data(root, "NewProcessName");
        if (eventId == 4688 && process != null) title = title + ": " + process;
        return new SecurityEvent(
                record.idOr(
                        text(root, "EventRecordID", "RecordNumber") == null
                                ? null
                                : text(root, "Computer", "Hostname") + ":"
                                        + text(root, "EventRecordID", "RecordNumber")),
                EventTimes.parse(timeNode, timeField),
                record.tenant(),
                "windows",
                meaning.category(),
                meaning.action(),
                meaning.outcome(),
                meaning.severity(),
                entities,
                title,
                String.valueOf(eventId),
                record.raw(text(root, "EventRecordID", "RecordNumber")));
    }

    /** An event-data field, at the top level or under {@code EventData}. */
    private static String data(JsonNode root, String name) {
        return text(root, name, "EventData." + name);
    }

    /** Windows writes "-" or the loopback for local logons; neither is a remote address. */
    private static String ip(String value) {
        if (value == null || value.equals("::1") || value.equals("127.0.0.1")) return null;
        return value.startsWith("::ffff:") ? value.substring(7) : value;
    }
}
