package dev.tlsrpt.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import dev.tlsrpt.testing.LocalStackEndpoint.Settings;
import org.junit.jupiter.api.Test;

/** What the -Plocalstack profile starts, and the line it prints without Docker; no Docker needed. */
class LocalStackEndpointTest {
    private static final String IMAGE = "localstack/localstack:4.4.0";

    @Test
    void authToken_shouldBePassedToTheContainer_whenTheEnvironmentHasOne() {
        Settings settings = Settings.of(IMAGE, Map.of("LOCALSTACK_AUTH_TOKEN", " ls-token-1 ", "HOME", "/root"));

        assertThat(settings.environment()).containsExactly(Map.entry("LOCALSTACK_AUTH_TOKEN", "ls-token-1"));
        assertThat(settings.image().asCanonicalNameString()).isEqualTo(IMAGE);
    }

    @Test
    void noAuthToken_shouldStartTheContainerWithout() {
        assertThat(Settings.of(IMAGE, Map.of()).environment()).isEmpty();
        assertThat(Settings.of(IMAGE, Map.of("LOCALSTACK_AUTH_TOKEN", "  ")).environment()).isEmpty();
    }

    @Test
    void anotherEdition_shouldBeAccepted_asLocalStack() {
        Settings settings = Settings.of("localstack/localstack-pro:4.4.0", Map.of());

        assertThat(settings.image().asCanonicalNameString()).isEqualTo("localstack/localstack-pro:4.4.0");
        assertThat(settings.image().isCompatibleWith(org.testcontainers.utility.DockerImageName.parse("localstack/localstack")))
                .isTrue();
    }

    @Test
    void noImage_shouldBeRefused_namingTheProperty() {
        assertThatThrownBy(() -> Settings.of("", Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tlsrpt.localstack.image");
    }

    @Test
    void skipLine_shouldSayWhatIsMissingAndWhatHappens() {
        assertThat(LocalStackEndpoint.skipLine("Could not find a valid Docker environment"))
                .isEqualTo("-Plocalstack: no Docker engine found (Could not find a valid Docker environment);"
                        + " the integration tests are skipped");
    }
}
