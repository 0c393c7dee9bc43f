package dev.tlsrpt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EhloBannerTest {
    @Test
    void multiLineReply_shouldGiveTheFirstLinesHostName() {
        assertThat(EhloBanner.hostName("250-mail.example.com ESMTP\n250 STARTTLS")).isEqualTo("mail.example.com");
        assertThat(EhloBanner.hostName("250-mx.example.org\r\n250-PIPELINING\r\n250 STARTTLS")).isEqualTo("mx.example.org");
    }

    @Test
    void singleLineReply_shouldGiveItsHostName() {
        assertThat(EhloBanner.hostName("250 mx.example.net Hello")).isEqualTo("mx.example.net");
    }

    @Test
    void bareHostName_shouldStayAsItIs() {
        assertThat(EhloBanner.hostName("test-ehlo.example.com")).isEqualTo("test-ehlo.example.com");
        assertThat(EhloBanner.hostName("250.example.com")).isEqualTo("250.example.com");
    }

    @Test
    void replyWithoutHostName_shouldGiveNull() {
        assertThat(EhloBanner.hostName("250")).isNull();
        assertThat(EhloBanner.hostName("  ")).isNull();
    }
}
