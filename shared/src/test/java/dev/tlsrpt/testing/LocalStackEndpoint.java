package dev.tlsrpt.testing;

import java.util.Map;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@code -Plocalstack} profile's emulator: one LocalStack container per test JVM (each module's
 * integration tests run in a JVM of their own), started through Testcontainers on first use and removed
 * by Testcontainers when the JVM ends. Without a Docker engine, the tests that need the emulator are
 * skipped with the reason, never run on moto instead (docs/design.md 5.1).
 *
 * <p>Only loaded when the profile sets {@link #PROFILE_PROPERTY} (MotoServer checks it without loading
 * this class): without the profile, Testcontainers is not on the other modules' test classpath.
 */
final class LocalStackEndpoint {
    /** Set to {@code true} by the profile, for the integration tests' JVM. */
    static final String PROFILE_PROPERTY = "tlsrpt.localstack";
    /** The image to run; the profile pins one (tlsrpt.localstack.image in the root POM). */
    static final String IMAGE_PROPERTY = "tlsrpt.localstack.image";
    /** LocalStack's own variable: images since March 2026 do not start without a token. */
    static final String AUTH_TOKEN_ENV = "LOCALSTACK_AUTH_TOKEN";
    /** LocalStack's call that forgets the state of every service. */
    static final String RESET_CALL = "/_localstack/state/reset";

    private static LocalStackContainer container;
    private static String skipped;

    private LocalStackEndpoint() {
    }

    /** The running container's endpoint; aborts the calling test (skipped, with the reason) without Docker. */
    static synchronized String endpoint() {
        if (skipped != null) {
            throw new TestAbortedException(skipped);
        }
        if (container == null) {
            String noDocker = dockerAbsence();
            if (noDocker != null) {
                skipped = skipLine(noDocker);
                System.err.println(skipped);
                throw new TestAbortedException(skipped);
            }
            container = Settings.of(System.getProperty(IMAGE_PROPERTY, ""), System.getenv()).container();
            container.start();
        }
        return container.getEndpoint().toString();
    }

    /** The one line printed, and the reason each skipped test carries. */
    static String skipLine(String reason) {
        return "-Plocalstack: no Docker engine found (" + reason + "); the integration tests are skipped";
    }

    /** What the container is started with: the profile's image, and the auth token when the environment has one. */
    record Settings(DockerImageName image, Map<String, String> environment) {
        static Settings of(String image, Map<String, String> environment) {
            if (image.isBlank()) {
                throw new IllegalStateException(IMAGE_PROPERTY + " is not set: run the tests through the root POM's localstack profile");
            }
            String token = environment.get(AUTH_TOKEN_ENV);
            return new Settings(DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"),
                    token == null || token.isBlank() ? Map.of() : Map.of(AUTH_TOKEN_ENV, token.strip()));
        }

        /** The container, not started (Testcontainers needs Docker already to build one). */
        LocalStackContainer container() {
            LocalStackContainer localStack = new LocalStackContainer(image);
            environment.forEach(localStack::withEnv);
            return localStack;
        }
    }

    /** Why there is no usable Docker engine, or null when there is one. */
    private static String dockerAbsence() {
        try {
            DockerClientFactory.instance().client();
            return null;
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
        }
    }
}
