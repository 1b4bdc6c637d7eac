package io.vigil.simulator.traffic;

/** The kinds of activity the simulator produces; each format writer supports some of them. */
public enum Kind {
    /** A logon attempt (Windows logon or SSH), successful or not. */
    AUTHENTICATION,
    /** A finished network connection (a flow). */
    NETWORK,
    /** A DNS query. */
    DNS,
    /** A process start on a host. */
    PROCESS,
    /** A user account created. */
    USER_CREATED,
    /** A signature-based IDS alert (Suricata style). */
    IDS_ALERT,
    /** A behavioural detection by a network monitor (Zeek notice style: scans, password guessing). */
    NOTICE
}
