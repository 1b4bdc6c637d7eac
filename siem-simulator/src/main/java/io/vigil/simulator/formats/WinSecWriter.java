package io.vigil.simulator.formats;

import io.vigil.contracts.event.Outcome;
import io.vigil.simulator.population.Site;
import io.vigil.simulator.traffic.Activity;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Windows Security log events as flat JSON (System fields plus EventData, the shape of
 * {@code Get-WinEvent | ConvertTo-Json} style exports and NXLog's im_msvistalog): logon success
 * 4624, logon failure 4625, process creation 4688 and user account created 4720.
 */
public final class WinSecWriter implements FormatWriter {

    @Override
    public SourceFormat format() {
        return SourceFormat.WINSEC;
    }

    @Override
    public boolean supports(Activity a) {
        return switch (a.kind()) {
            case AUTHENTICATION -> !"ssh".equals(a.appProto());
            case PROCESS, USER_CREATED -> true;
            default -> false;
        };
    }

    @Override
    public ObjectNode write(Activity a, Site site) {
        return switch (a.kind()) {
            case AUTHENTICATION -> logon(a, site);
            case PROCESS -> processCreation(a, site);
            default -> userCreated(a, site);
        };
    }

    private static ObjectNode logon(Activity a, Site site) {
        boolean failed = a.outcome() == Outcome.FAILURE;
        ObjectNode event = system(a, site, failed ? 4625 : 4624, 12544, !failed);
        event.put("SubjectUserSid", "S-1-0-0");
        event.put("SubjectUserName", "-");
        event.put("SubjectDomainName", "-");
        event.put("SubjectLogonId", "0x0");
        event.put("TargetUserName", a.user());
        event.put("TargetDomainName", site.netbiosDomain());
        event.put("LogonType", 3);
        event.put("LogonProcessName", "NtLmSsp ");
        event.put("AuthenticationPackageName", "NTLM");
        event.put("WorkstationName", Fields.isInternal(a.srcIp()) ? "-" : "kali");
        event.put("IpAddress", a.srcIp());
        event.put("IpPort", a.srcPort() == null ? "-" : a.srcPort().toString());
        if (failed) {
            event.put("Status", "0xc000006d");
            event.put("SubStatus", "0xc000006a");
            event.put("FailureReason", "%%2313");
        } else {
            event.put("TargetLogonId", "0x" + Long.toHexString(FlowIdentity.flowId(a) & 0xffffff));
            event.put("ElevatedToken", "%%1843");
        }
        return event;
    }

    private static ObjectNode processCreation(Activity a, Site site) {
        ObjectNode event = system(a, site, 4688, 13312, true);
        event.put("SubjectUserName", a.user());
        event.put("SubjectDomainName", site.netbiosDomain());
        event.put(
                "NewProcessId",
                "0x" + Integer.toHexString(1_000 + Math.floorMod(a.time().getNano(), 60_000)));
        event.put("NewProcessName", a.process());
        event.put("TokenElevationType", "%%1938");
        event.put(
                "ProcessId",
                "0x"
                        + Integer.toHexString(700
                                + Math.floorMod(a.user() == null ? 0 : a.user().hashCode(), 9_000)));
        event.put("CommandLine", a.detail());
        event.put("ParentProcessName", a.parentProcess());
        event.put("MandatoryLabel", "S-1-16-8192");
        return event;
    }

    private static ObjectNode userCreated(Activity a, Site site) {
        ObjectNode event = system(a, site, 4720, 13824, true);
        event.put("SubjectUserName", a.user());
        event.put("SubjectDomainName", site.netbiosDomain());
        event.put("TargetUserName", a.detail());
        event.put("TargetDomainName", site.netbiosDomain());
        event.put(
                "TargetSid",
                "S-1-5-21-3623811015-3361044348-30300820-"
                        + (1100 + Math.floorMod(a.detail().hashCode(), 8000)));
        event.put("SamAccountName", a.detail());
        event.put("UserPrincipalName", "-");
        return event;
    }

    private static ObjectNode system(Activity a, Site site, int eventId, int task, boolean success) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("EventID", eventId);
        event.put("TimeCreated", a.time().toString());
        event.put("Computer", site.fqdn(a.host()));
        event.put("Channel", "Security");
        event.put("ProviderName", "Microsoft-Windows-Security-Auditing");
        event.put("EventRecordID", FlowIdentity.flowId(a) % 100_000_000L);
        event.put("Task", task);
        event.put("Level", 0);
        event.put("Keywords", success ? "Audit Success" : "Audit Failure");
        return event;
    }
}
