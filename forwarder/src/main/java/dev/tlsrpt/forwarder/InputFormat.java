package dev.tlsrpt.forwarder;

import dev.tlsrpt.ingest.EximEvents;
import dev.tlsrpt.ingest.InvalidBatchException;
import dev.tlsrpt.ingest.MomentumEvents;
import java.time.Instant;
import java.util.regex.Pattern;

/** What the forwarder's socket receives, and the ingest API route that takes it. */
enum InputFormat {
    /** libtlsrpt's datagrams (Postfix 3.10+) on a Unix datagram socket. */
    LIBTLSRPT("/v1/libtlsrpt", "datagrams", null),
    /** The lines of Exim's event ACL (forwarder/exim/tlsrpt-exim.conf) on a Unix stream socket. */
    EXIM("/v1/exim", "events", EximEvents::parse),
    /** Momentum's smtp_tls_reporting hook events, one JSON object a line, on a Unix stream socket. */
    MOMENTUM("/v1/momentum", "events", MomentumEvents::parse);

    /** The API's own reading of one line of a stream format: throws as the API would answer 400. */
    @FunctionalInterface
    interface LineCheck {
        void check(byte[] line, Instant receivedAt) throws InvalidBatchException;
    }

    final String route;
    /** How the API's 400 names the refused item: {@code "path":"datagrams[2].policies[0].c"}. */
    final Pattern refusedItem;
    private final LineCheck lineCheck;

    InputFormat(String route, String items, LineCheck lineCheck) {
        this.route = route;
        this.lineCheck = lineCheck;
        this.refusedItem = Pattern.compile("\"path\"\\s*:\\s*\"" + items + "\\[(\\d{1,9})]");
    }

    /** Whether the MTA writes lines to a stream socket (otherwise: datagrams). */
    boolean stream() {
        return lineCheck != null;
    }

    void check(byte[] line, Instant receivedAt) throws InvalidBatchException {
        lineCheck.check(line, receivedAt);
    }
}
