package dev.tlsrpt.auth;

import java.time.Instant;

/** What is stored of a token: never the token itself. */
public record TokenInfo(String id, String name, Instant created, Instant revoked) {
    public boolean active() {
        return revoked == null;
    }
}
