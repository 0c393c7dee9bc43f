package dev.tlsrpt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiTokenTest {

    @Test
    void generate_shouldRoundTripThroughItsValue() {
        ApiToken token = ApiToken.generate();

        assertThat(ApiToken.parse(token.value())).contains(token);
        assertThat(token.matches(token.secretHash())).isTrue();
    }

    @Test
    void generate_shouldGiveIdsOfLettersAndDigitsOnly() {
        // A '-' would begin one id in 64 under base64url, so 2,000 ids would show it.
        for (int i = 0; i < 2_000; i++) {
            assertThat(ApiToken.generate().id()).matches("[A-Za-z0-9]{12}");
        }
    }

    @Test
    void matches_shouldRefuseAnotherSecret() {
        ApiToken token = ApiToken.generate();
        ApiToken other = new ApiToken(token.id(), ApiToken.generate().secret());

        assertThat(other.matches(token.secretHash())).isFalse();
    }

    @Test
    void parse_shouldRefuseStringsOfAnotherShape() {
        assertThat(ApiToken.parse("Bearer abc")).isEmpty();
        assertThat(ApiToken.parse("tlsrpt_")).isEmpty();
        assertThat(ApiToken.parse("tlsrpt_id_")).isEmpty();
        assertThat(ApiToken.parse("tlsrpt_" + "a".repeat(200))).isEmpty();
    }

    @Test
    void toString_shouldNeverShowTheSecret() {
        ApiToken token = ApiToken.generate();
        assertThat(token.toString()).doesNotContain(token.secret());
    }
}
