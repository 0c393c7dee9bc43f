package dev.tlsrpt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator's command: {@code tlsrpt <command>}. Exit codes: 0 done, 1 failed, 2 bad usage, 5 the stack's
 * settings cannot be read (no settings item: not deployed, another stack name or region).
 */
@Command(name = "tlsrpt",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Operate the tlsrpt SMTP TLS Reporting service.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed", "2:bad usage", "5:the stack's settings (SSM /<stack>/settings) cannot be read"},
        // One per line, so that adding a command is a one-line change.
        subcommands = {
                TokenCommand.class,
                LookupCommand.class,
                PreviewCommand.class,
                StatusCommand.class,
                BackfillCommand.class,
                SuppressCommand.class,
                RulesCommand.class,
                DkimRecordCommand.class,
                DoctorCommand.class,
                SendingCommand.class,
                ArchiveCommand.class,
                DashboardCommand.class,
                LocalCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Tlsrpt {
    static final int NO_STACK_SETTINGS = 5;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as users get it: clear messages for bad input and failures, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Tlsrpt());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + describe(exception)));
            return exception instanceof StackSettings.MissingSettingsException ? NO_STACK_SETTINGS : 1;
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
