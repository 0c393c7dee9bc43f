package dev.tlsrpt.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.send.ses.SesSendingControl;
import dev.tlsrpt.send.ses.SesSendingControl.SendingStatus;
import dev.tlsrpt.tlsrpt.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tlsrpt sending status|pause|resume}: the switch of the reports' SES configuration set. The
 * sending guard pauses it when the bounce or complaint rate passes its threshold; while paused, reports
 * wait and are retried for up to 24 hours after their first attempt. An operator resumes it here once
 * the cause is understood (docs/operations.md).
 */
@Command(name = "sending", mixinStandardHelpOptions = true,
        description = "Show, pause or resume the sending of report e-mails (the SES configuration set).",
        subcommands = {SendingCommand.Status.class, SendingCommand.Pause.class, SendingCommand.Resume.class})
final class SendingCommand {

    /** The configuration set: the stack's (<stack>-reports, as template.yaml names it) unless given. */
    static class Target {
        @Mixin AwsOptions aws;

        @Option(names = "--configuration-set", paramLabel = "NAME",
                description = "SES configuration set of the report e-mails (default: <stack>-reports).")
        String configurationSet;

        SesSendingControl control() {
            return new SesSendingControl(aws.sesV2(), configurationSet != null ? configurationSet : aws.table("reports"));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Whether report e-mails are being sent: the configuration set's switch and the account's state.")
    static final class Status implements Callable<Integer> {
        @Mixin Target target;
        @Spec CommandSpec spec;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            SendingStatus status = target.control().status();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode node = Json.MAPPER.createObjectNode()
                        .put("configurationSet", status.configurationSet())
                        .put("sending", status.sending())
                        .put("configurationSetSending", status.configurationSetSending());
                putIfKnown(node, "reputationMetrics", status.reputationMetrics());
                putIfKnown(node, "accountSending", status.accountSending());
                if (status.enforcementStatus() != null) {
                    node.put("enforcementStatus", status.enforcementStatus());
                }
                putIfKnown(node, "productionAccess", status.productionAccess());
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
                return 0;
            }
            out.printf("%-20s %s%n", "configuration set", status.configurationSet());
            out.printf("%-20s %s%n", "report e-mails", status.configurationSetSending() ? "enabled"
                    : "PAUSED (reports wait and are retried; resume: tlsrpt sending resume)");
            out.printf("%-20s %s%n", "reputation metrics", known(status.reputationMetrics(), "published", "not published"));
            out.printf("%-20s %s%n", "account sending", known(status.accountSending(), "enabled", "PAUSED by SES"));
            out.printf("%-20s %s%n", "account review", status.enforcementStatus() == null ? "unknown" : status.enforcementStatus());
            out.printf("%-20s %s%n", "production access", known(status.productionAccess(), "yes", "no (SES sandbox)"));
            out.println("Bounce and complaint rates: the stack's CloudWatch dashboard (SES reputation).");
            return 0;
        }

        private static void putIfKnown(ObjectNode node, String field, Boolean value) {
            if (value != null) {
                node.put(field, value);
            }
        }

        private static String known(Boolean value, String yes, String no) {
            return value == null ? "unknown" : value ? yes : no;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause report e-mails: reports wait and are retried for up to 24 hours, then recorded failed.")
    static final class Pause implements Callable<Integer> {
        @Mixin Target target;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            SesSendingControl control = target.control();
            control.pause();
            spec.commandLine().getOut().println("paused report e-mails (configuration set " + control.configurationSet()
                    + "); reports wait and are retried for up to 24 hours after their first attempt");
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume report e-mails after a pause (the guard's or yours); waiting reports go out on their next retry.")
    static final class Resume implements Callable<Integer> {
        @Mixin Target target;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            SesSendingControl control = target.control();
            control.resume();
            spec.commandLine().getOut().println("resumed report e-mails (configuration set " + control.configurationSet()
                    + "); waiting reports go out on their next retry (within an hour)");
            return 0;
        }
    }
}
