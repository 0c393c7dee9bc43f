package dev.tlsrpt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The operator's command: {@code tlsrpt <command>}. Exit codes: 0 done, 1 failed, 2 bad usage. */
@Command(name = "tlsrpt",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Operate the tlsrpt SMTP TLS Reporting service.",
        subcommands = {TokenCommand.class, LookupCommand.class, PreviewCommand.class, StatusCommand.class, BackfillCommand.class, SuppressCommand.class, LocalCommand.class, CommandLine.HelpCommand.class,
                ArchiveCommand.class, DashboardCommand.class})
public final class Tlsrpt {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as users get it: clear messages for bad input and failures, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Tlsrpt());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + describe(exception)));
            return 1;
        });
        return commandLine;
    }

    private static String describe(Exception exception) {
        String message = exception.getMessage();
        if (exception instanceof software.amazon.awssdk.core.exception.SdkException) {
            return "AWS request failed: " + (message == null ? exception.getClass().getSimpleName() : message);
        }
        return message == null ? exception.getClass().getSimpleName() : message;
    }
}
