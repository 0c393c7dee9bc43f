package dev.tlsrpt.send.https;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * The HTTP client's only way to turn a host name into addresses: resolves once, checks every address
 * against the policy, and hands the client exactly the addresses it checked. The socket connects to
 * what was checked, so a second DNS answer (DNS rebinding) cannot swap in an internal address between
 * check and connect.
 */
final class CheckedDnsResolver implements DnsResolver {
    private final HostResolver resolver;
    private final AddressPolicy policy;

    CheckedDnsResolver(HostResolver resolver, AddressPolicy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return checked(host, -1);
    }

    // port -1: not known, so no policy exception for a particular endpoint applies.
    private InetAddress[] checked(String host, int port) throws UnknownHostException {
        InetAddress[] addresses = isLiteral(host)
                ? new InetAddress[] {InetAddress.getByName(unbracketed(host))}
                : resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        // Every address, not just the first: the client falls back to the next one on connect failure.
        for (InetAddress address : addresses) {
            var refusal = policy.refusal(unbracketed(host), port, address);
            if (refusal.isPresent()) {
                throw new RefusedAddressException(host, refusal.get());
            }
        }
        return addresses.clone();
    }

    /** An address literal in the URI (a host name never holds a colon) is checked like a resolved one; parsing it never touches DNS. */
    private static boolean isLiteral(String host) {
        String bare = unbracketed(host);
        return bare.indexOf(':') >= 0 || InetAddressUtils.isIPv4(bare);
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        // The port too: a local run allows loopback for its receiver's host and port only.
        return Arrays.stream(checked(host, port)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // Only used for Kerberos/SPNEGO, which a report POST never does; no second lookup.
        return host;
    }
}
