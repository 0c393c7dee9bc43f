package dev.tlsrpt.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Names as both TXT resolvers query them: absolute, whether or not the caller wrote the final dot. */
final class DnsNames {
    private DnsNames() {
    }

    static Name absolute(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + e.getMessage());
        }
    }
}
