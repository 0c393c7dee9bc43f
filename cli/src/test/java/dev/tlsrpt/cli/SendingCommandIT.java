package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.tlsrpt.tlsrpt.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tlsrpt sending} end to end, over HTTP on loopback. The emulator implements neither
 * PutConfigurationSetSendingOptions nor GetAccount, so a small SESv2 endpoint here keeps the switch's
 * state; the CLI reaches it through the SDK's own endpoint setting (aws.endpointUrl), as it would reach
 * SES.
 */
class SendingCommandIT {
    private static final String SET_PATH = "/v2/email/configuration-sets/tlsrpt-reports";

    private final AtomicBoolean enabled = new AtomicBoolean(true);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer ses;
    private String previousEndpoint;

    @BeforeEach
    void sesOnLoopback() throws IOException {
        ses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ses.createContext("/v2/email/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path + " " + body);
            String answer;
            if (exchange.getRequestMethod().equals("PUT") && path.startsWith("/v2/email/configuration-sets/") && path.endsWith("/sending")) {
                enabled.set(Json.MAPPER.readTree(body).path("SendingEnabled").asBoolean());
                answer = "{}";
            } else if (path.equals(SET_PATH)) {
                answer = "{\"ConfigurationSetName\":\"tlsrpt-reports\",\"SendingOptions\":{\"SendingEnabled\":" + enabled.get()
                        + "},\"ReputationOptions\":{\"ReputationMetricsEnabled\":true}}";
            } else if (path.equals("/v2/email/account")) {
                answer = "{\"SendingEnabled\":true,\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true}";
            } else {
                answer = "{\"message\":\"not here\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.startsWith("{\"message\"") ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        ses.start();
        previousEndpoint = System.getProperty("aws.endpointUrl");
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:" + ses.getAddress().getPort());
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
        ses.stop(0);
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
        assertThat(requests).containsExactly("PUT " + SET_PATH + "/sending {\"SendingEnabled\":false}");
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
        assertThat(requests).containsExactly("PUT /v2/email/configuration-sets/other-set/sending {\"SendingEnabled\":false}");
    }

    @Test
    void anSesFailure_shouldBeAClearError() {
        ses.removeContext("/v2/email/");

        Cli.Run run = tlsrpt("sending", "status");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: AWS request failed");
    }
}
