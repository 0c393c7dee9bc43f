package dev.tlsrpt.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.tlsrpt.Json;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Request bodies shaped like a real MTA's: most deliveries succeed under MTA-STS or no policy, some go to
 * DANE MX hosts, a few fail with one of a handful of details. Seeded, so every run builds the same bytes.
 */
public final class SyntheticBatches {
    private static final String[] RESULT_TYPES = {"certificate-expired", "starttls-not-supported",
            "certificate-host-mismatch", "validation-failure", "sts-policy-fetch-error"};

    private SyntheticBatches() {
    }

    /** {@code results} results spread over {@code destinations} recipient domains, all on {@code day}. */
    public static byte[] realistic(int results, int destinations, LocalDate day, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode array = body.putArray("results");
        for (int i = 0; i < results; i++) {
            int d = i % destinations;
            String domain = "domain" + d + ".example";
            ObjectNode result = array.addObject();
            result.put("time", day + "T" + String.format("%02d:%02d:%02dZ", random.nextInt(24), random.nextInt(60), random.nextInt(60)));
            result.put("recipient-domain", domain);
            ObjectNode policy = result.putObject("policy");
            boolean failed = random.nextInt(100) < 3;
            switch (d % 4) {
                case 0, 1 -> {
                    policy.put("policy-type", "sts");
                    policy.put("policy-domain", domain);
                    policy.putArray("policy-string").add("version: STSv1").add("mode: enforce")
                            .add("mx: mx1." + domain).add("mx: mx2." + domain).add("max_age: 604800");
                    policy.putArray("mx-host").add("mx1." + domain).add("mx2." + domain);
                }
                case 2 -> {
                    policy.put("policy-type", "no-policy-found");
                    policy.put("policy-domain", domain);
                }
                default -> {
                    policy.put("policy-type", "tlsa");
                    policy.put("policy-domain", "mx.hosting" + (d % 3) + ".example");
                    policy.putArray("policy-string").add("3 1 1 " + "ab".repeat(32));
                }
            }
            result.put("successful-sessions", failed ? 0 : 1 + random.nextInt(5));
            result.put("failed-sessions", failed ? 1 : 0);
            if (failed) {
                ObjectNode detail = result.putArray("failure-details").addObject();
                detail.put("result-type", RESULT_TYPES[random.nextInt(RESULT_TYPES.length)]);
                detail.put("sending-mta-ip", "192.0.2." + (10 + random.nextInt(3)));
                detail.put("receiving-mx-hostname", "mx1." + domain);
                detail.put("receiving-ip", "198.51.100." + (20 + d % 50));
                detail.put("failed-session-count", 1);
            }
        }
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
