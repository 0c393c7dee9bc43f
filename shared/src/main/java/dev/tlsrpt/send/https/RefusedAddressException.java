package dev.tlsrpt.send.https;

import java.net.UnknownHostException;

/**
 * A host resolved to an address the {@link AddressPolicy} refuses. An {@link UnknownHostException} because
 * that is what the HTTP client lets a resolver throw; the poster turns it into a permanent failure.
 */
final class RefusedAddressException extends UnknownHostException {
    RefusedAddressException(String host, String why) {
        super("refused " + host + ": " + why);
    }
}
