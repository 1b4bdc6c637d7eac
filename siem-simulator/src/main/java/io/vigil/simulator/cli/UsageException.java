package io.vigil.simulator.cli;

/** The command line is wrong; the message says how. The program prints it and exits with 2. */
public final class UsageException extends RuntimeException {

    private final String command;

    public UsageException(String command, String message) {
        super(message);
        this.command = command;
    }

    /** The subcommand whose usage to show, or null for the general usage. */
    public String command() {
        return command;
    }
}
