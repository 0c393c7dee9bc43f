package dev.tlsrpt.forwarder;

/**
 * Spooled datagrams {@code [firstSeq, endSeq)} as one request body (newline-delimited). The idempotency key
 * names the spool and the range, so the same batch sent again after a timeout or a restart is recognised
 * by the API as a duplicate and counted once.
 */
record SpoolBatch(String spoolId, long firstSeq, long endSeq, byte[] body) {
    int datagrams() {
        return (int) (endSeq - firstSeq);
    }

    String idempotencyKey() {
        return "tlsrpt-forward-" + spoolId + "-" + firstSeq + "-" + endSeq;
    }
}
