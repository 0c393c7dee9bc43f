package dev.tlsrpt.send.https;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which resolved addresses a report may be POSTed to (docs/design.md 2.6: the URI comes from DNS, i.e.
 * from anyone). Production allows public unicast addresses only. A local run also reaches its own test
 * receiver on loopback, and nothing else there: any other name or port that resolves to loopback (a zone
 * entry pointing at {@code 127.0.0.1} or {@code localhost}) is refused as in production.
 */
public final class AddressPolicy {
    private final String loopbackHost; // null: loopback is never allowed
    private final int loopbackPort;

    private AddressPolicy(String loopbackHost, int loopbackPort) {
        this.loopbackHost = loopbackHost;
        this.loopbackPort = loopbackPort;
    }

    /** Public unicast addresses only: what production uses. */
    public static AddressPolicy publicInternetOnly() {
        return new AddressPolicy(null, -1);
    }

    /**
     * Public addresses, and loopback for {@code host:port} alone, where a local receiver listens: for the
     * local runner and tests, never for production.
     */
    public static AddressPolicy publicInternetAndLocalReceiver(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1 to 65535");
        }
        return new AddressPolicy(host.toLowerCase(Locale.ROOT), port);
    }

    /** Why {@code address} may not be posted to whatever the name and port, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        return refusal(null, -1, address);
    }

    /** Why {@code address}, resolved from {@code host} for a connection to {@code port}, may not be posted to. */
    public Optional<String> refusal(String host, int port, InetAddress address) {
        boolean localReceiver = loopbackHost != null && port == loopbackPort && host != null
                && loopbackHost.equals(host.toLowerCase(Locale.ROOT));
        return SpecialPurposeAddresses.rangeOf(address)
                .filter(range -> !(localReceiver && range.equals(SpecialPurposeAddresses.LOOPBACK)))
                .map(range -> address.getHostAddress() + " is " + range);
    }
}
