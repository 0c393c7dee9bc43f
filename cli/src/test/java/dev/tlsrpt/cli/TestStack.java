package dev.tlsrpt.cli;

import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** A stack's settings item in the emulator, as template.yaml writes it for a deployed stack. */
final class TestStack {
    private TestStack() {
    }

    static SsmClient ssm() {
        MotoServer.get();
        return SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Settings of stack {@code stack}: tables named {@code <stack>-...}, as the template names them. */
    static StackSettings settings(String stack, int shards, String queueUrl) {
        return new StackSettings(stack, stack + "-results", stack + "-tokens", stack + "-ledger", stack + "-suppression",
                stack + "-rules", stack + "-archive", queueUrl, stack + "-reports", shards, "sender.example", "tlsrpt-noreply@sender.example", "tlsrpt",
                "/" + stack + "/dkim/private-key", stack + "-reports", SendCaps.DEFAULTS,
                Map.of("ingest", stack + "-IngestFunction", "planner", stack + "-PlannerFunction",
                        "worker", stack + "-ReportWorkerFunction", "suppression", stack + "-SuppressionFunction"));
    }

    /** Writes the settings item into the emulator and returns it. */
    static StackSettings write(String stack, int shards, String queueUrl) {
        StackSettings settings = settings(stack, shards, queueUrl);
        try (SsmClient ssm = ssm()) {
            settings.save(ssm);
        }
        return settings;
    }
}
