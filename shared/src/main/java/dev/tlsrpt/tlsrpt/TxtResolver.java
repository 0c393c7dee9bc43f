package dev.tlsrpt.tlsrpt;

/**
 * Port: TXT lookups. Adapters: {@code dev.tlsrpt.dns.DnsJavaTxtResolver} (real DNS) and
 * {@code dev.tlsrpt.dns.ZoneFileTxtResolver} (a zone file, for tests and local runs).
 */
public interface TxtResolver {

    /** The TXT records at {@code name} (absolute, A-labels), or why there are none. Never throws for DNS outcomes. */
    TxtAnswer lookupTxt(String name);
}
