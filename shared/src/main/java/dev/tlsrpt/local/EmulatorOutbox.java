package dev.tlsrpt.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.tlsrpt.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.TlsPolicy;

/**
 * The mail the AWS emulator (moto) accepted, read back for local runs and tests. moto keeps every
 * raw message SES (v1 or v2) accepted in memory and exposes it in its state dump,
 * {@code GET /moto-api/data.json} under {@code ses.RawMessage}, until {@code /moto-api/reset}.
 * moto only accepts raw mail whose From address or domain is a verified identity, as SES outside the
 * sandbox does: {@link #verifyDomain} first.
 */
public final class EmulatorOutbox {
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One accepted message: SES's message id, the envelope, and the raw bytes exactly as sent. */
    public record SentEmail(String messageId, String source, List<String> destinations, byte[] raw) {
    }

    public EmulatorOutbox(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The emulator the SDK is pointed at, from the SDK's own setting (aws.endpointUrl / AWS_ENDPOINT_URL). */
    public static EmulatorOutbox fromSdkSettings() {
        String endpoint = System.getProperty("aws.endpointUrl", System.getenv("AWS_ENDPOINT_URL"));
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalStateException("no emulator endpoint: set AWS_ENDPOINT_URL (or aws.endpointUrl)");
        }
        return new EmulatorOutbox(URI.create(endpoint));
    }

    /** Every message accepted since the emulator started or was reset, oldest first. */
    public List<SentEmail> messages() {
        JsonNode state;
        try {
            state = Json.MAPPER.readTree(fetchState());
        } catch (IOException e) {
            throw new IllegalStateException("the emulator's state is not JSON", e);
        }
        List<SentEmail> messages = new ArrayList<>();
        for (JsonNode message : state.path("ses").path("RawMessage")) {
            List<String> destinations = new ArrayList<>();
            message.path("destinations").forEach(d -> destinations.add(d.asText()));
            // moto stores the raw message as the UTF-8 text it decoded; re-encoding gives the bytes back.
            messages.add(new SentEmail(message.path("id").asText(), message.path("source").asText(null), destinations,
                    message.path("raw_data").asText().getBytes(StandardCharsets.UTF_8)));
        }
        return messages;
    }

    private String fetchState() {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("emulator state: HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the emulator's state at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes {@code domain} a verified sending identity, as DNS-verified DKIM does on AWS; idempotent. */
    public static void verifyDomain(SesV2Client ses, String domain) {
        try {
            ses.createEmailIdentity(r -> r.emailIdentity(domain));
        } catch (AlreadyExistsException alreadyThere) {
            // verified before
        }
    }

    /** A configuration set like production's: TLS optional (docs/design.md 2.5); idempotent. */
    public static void createConfigurationSet(SesV2Client ses, String name) {
        try {
            ses.createConfigurationSet(r -> r.configurationSetName(name).deliveryOptions(d -> d.tlsPolicy(TlsPolicy.OPTIONAL)));
        } catch (AlreadyExistsException alreadyThere) {
            // created before
        }
    }
}
