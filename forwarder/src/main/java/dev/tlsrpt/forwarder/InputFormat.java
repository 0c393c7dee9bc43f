package dev.tlsrpt.forwarder;

import java.util.regex.Pattern;

/** What the forwarder's socket receives, and the ingest API route that takes it. */
enum InputFormat {
    /** libtlsrpt's datagrams (Postfix 3.10+) on a Unix datagram socket. */
    LIBTLSRPT("/v1/libtlsrpt", "datagrams"),
    /** The lines of Exim's event ACL (forwarder/exim/tlsrpt-exim.conf) on a Unix stream socket. */
    EXIM("/v1/exim", "events");

    final String route;
    /** How the API's 400 names the refused item: {@code "path":"datagrams[2].policies[0].c"}. */
    final Pattern refusedItem;

    InputFormat(String route, String items) {
        this.route = route;
        this.refusedItem = Pattern.compile("\"path\"\\s*:\\s*\"" + items + "\\[(\\d{1,9})]");
    }
}
