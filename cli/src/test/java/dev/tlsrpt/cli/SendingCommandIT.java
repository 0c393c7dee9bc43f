package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.testing.RecordingSes;
import dev.tlsrpt.testing.RecordingSes.Answer;
import dev.tlsrpt.testing.RecordingSes.Request;
import dev.tlsrpt.tlsrpt.Json;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tlsrpt sending} end to end, over HTTP on loopback. The emulator implements neither
 * PutConfigurationSetSendingOptions nor GetAccount, so a recording SESv2 endpoint on loopback
 * ({@link RecordingSes#onLoopback()}) keeps the switch's state; the CLI reaches it through the SDK's own
 * endpoint setting (aws.endpointUrl), as it would reach SES.
 */
class SendingCommandIT {
    private static final String SET_PATH = "/v2/email/configuration-sets/tlsrpt-reports";

    private final AtomicBoolean enabled = new AtomicBoolean(true);
    private final AtomicBoolean failing = new AtomicBoolean(false);
    private final RecordingSes recording = new RecordingSes(this::answer);
    private RecordingSes.Loopback ses;
    private String previousEndpoint;

    private Answer answer(Request request) {
        if (failing.get()) {
            return new Answer(404, "{\"message\":\"not here\"}");
        }
        if (request.method().equals("PUT") && request.path().startsWith("/v2/email/configuration-sets/")
                && request.path().endsWith("/sending")) {
            try {
                enabled.set(Json.MAPPER.readTree(request.body()).path("SendingEnabled").asBoolean());
            } catch (IOException e) {
                return new Answer(400, "{\"message\":\"not JSON\"}", "BadRequestException");
            }
            return new Answer(200, "{}");
        }
        if (request.path().equals(SET_PATH)) {
            return new Answer(200, "{\"ConfigurationSetName\":\"tlsrpt-reports\",\"SendingOptions\":{\"SendingEnabled\":"
                    + enabled.get() + "},\"ReputationOptions\":{\"ReputationMetricsEnabled\":true}}");
        }
        if (request.path().equals("/v2/email/account")) {
            return new Answer(200, "{\"SendingEnabled\":true,\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true}");
        }
        return new Answer(404, "{\"message\":\"not here\"}");
    }

    @BeforeEach
    void sesOnLoopback() throws IOException {
        ses = recording.onLoopback();
        previousEndpoint = System.getProperty("aws.endpointUrl");
        System.setProperty("aws.endpointUrl", ses.endpoint());
        // Any credentials: this endpoint does not check signatures (the emulator's, when it ran first).
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "testing"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "testing"));
    }

    @AfterEach
    void stop() {
        if (previousEndpoint == null) {
            System.clearProperty("aws.endpointUrl");
        } else {
            System.setProperty("aws.endpointUrl", previousEndpoint);
        }
        ses.close();
    }

    private static Cli.Run tlsrpt(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--stack", "tlsrpt", "--region", "us-east-1"}, 0, all, args.length, 4);
        return Cli.run(all);
    }

    @Test
    void pauseThenResume_shouldSwitchTheStacksConfigurationSet_andStatusShouldSayWhereItStands() throws Exception {
        // WHEN paused
        Cli.Run pause = tlsrpt("sending", "pause");

        // THEN SES got SendingEnabled=false for <stack>-reports, and status says paused
        assertThat(pause.exitCode()).as(pause.err()).isZero();
        assertThat(recording.requests()).containsExactly(new Request("PUT", SET_PATH + "/sending", "{\"SendingEnabled\":false}"));
        Cli.Run paused = tlsrpt("sending", "status");
        assertThat(paused.exitCode()).as(paused.err()).isZero();
        assertThat(paused.out()).contains("tlsrpt-reports", "PAUSED", "tlsrpt sending resume", "HEALTHY");

        // WHEN resumed THEN status says enabled, in JSON too
        assertThat(tlsrpt("sending", "resume").exitCode()).isZero();
        JsonNode status = Json.MAPPER.readTree(tlsrpt("sending", "status", "--json").out());
        assertThat(status.path("sending").asBoolean()).isTrue();
        assertThat(status.path("reputationMetrics").asBoolean()).isTrue();
        assertThat(status.path("enforcementStatus").asText()).isEqualTo("HEALTHY");
    }

    @Test
    void anotherConfigurationSet_canBeNamed() {
        Cli.Run run = tlsrpt("sending", "pause", "--configuration-set", "other-set");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(recording.requests()).containsExactly(
                new Request("PUT", "/v2/email/configuration-sets/other-set/sending", "{\"SendingEnabled\":false}"));
    }

    @Test
    void anSesFailure_shouldBeAClearError() {
        failing.set(true);

        Cli.Run run = tlsrpt("sending", "status");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: AWS request failed");
    }
}
