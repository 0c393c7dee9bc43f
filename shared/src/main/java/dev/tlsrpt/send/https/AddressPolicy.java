package dev.tlsrpt.send.https;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Which resolved addresses a report may be POSTed to (DESIGN 2.6: the URI comes from DNS, i.e. from
 * anyone). Production allows public unicast addresses only; the local runner also allows loopback,
 * where its test receiver listens.
 */
public final class AddressPolicy {
    private final boolean allowLoopback;

    private AddressPolicy(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Public unicast addresses only: what production uses. */
    public static AddressPolicy publicInternetOnly() {
        return new AddressPolicy(false);
    }

    /** Public addresses and loopback: for the local runner and tests, never for production. */
    public static AddressPolicy publicInternetAndLoopback() {
        return new AddressPolicy(true);
    }

    /** Why {@code address} may not be posted to, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        return SpecialPurposeAddresses.rangeOf(address)
                .filter(range -> !(allowLoopback && range.equals(SpecialPurposeAddresses.LOOPBACK)))
                .map(range -> address.getHostAddress() + " is " + range);
    }
}
