package dev.tlsrpt.tlsrpt;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One reporting URI of a TLSRPT record's {@code rua} (RFC 8460 section 3): {@code mailto:} an address
 * (section 5.3) or an {@code https:} URL (section 5.4).
 *
 * @param scheme  mailto or https
 * @param target  for mailto the address (percent-decoded, domain in lower-case A-labels); for https the whole
 *                URL (scheme and host lower case, default port dropped, path and query as published)
 */
public record ReportUri(Scheme scheme, String target) {
    private static final int MAX_PORT = 65_535;

    public enum Scheme {
        MAILTO("mailto"),
        HTTPS("https");

        private final String wireName;

        Scheme(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public ReportUri {
        Objects.requireNonNull(scheme, "scheme");
        HeaderValues.requireSafe("uri", target);
    }

    /**
     * Parses one URI as it stands in {@code rua=} (still percent-encoded). Throws
     * {@link IllegalArgumentException} saying why it cannot be used.
     */
    public static ReportUri parse(String uri) {
        HeaderValues.requireSafe("uri", uri);
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a URI: no scheme");
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = uri.substring(colon + 1);
        return switch (scheme) {
            case "mailto" -> mailto(rest);
            case "https" -> https(uri);
            default -> throw new IllegalArgumentException("unsupported scheme '" + scheme + "' (RFC 8460: mailto, https)");
        };
    }

    // RFC 6068: mailto:addr-spec; one address per URI here, since "," inside a URI is percent-encoded in rua.
    private static ReportUri mailto(String rest) {
        if (rest.contains("?")) {
            throw new IllegalArgumentException("mailto URI with header fields is not supported");
        }
        String address;
        try {
            address = URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad percent-encoding in mailto URI");
        }
        return new ReportUri(Scheme.MAILTO, Addresses.normalise(address));
    }

    private static ReportUri https(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid https URI");
        }
        if (parsed.getRawAuthority() == null || parsed.getHost() == null) {
            throw new IllegalArgumentException("https URI without a host");
        }
        if (parsed.getRawUserInfo() != null) {
            throw new IllegalArgumentException("https URI must not carry user info");
        }
        if (parsed.getRawFragment() != null) {
            throw new IllegalArgumentException("https URI must not have a fragment");
        }
        String host = parsed.getHost().startsWith("[") ? ipv6Literal(parsed.getHost()) : DomainNames.toALabel(parsed.getHost());
        int port = parsed.getPort();
        if (port == 0 || port > MAX_PORT) {
            // A URI that can never be connected to is ignored here, not failed on at every delivery attempt.
            throw new IllegalArgumentException("https URI port must be 1 to " + MAX_PORT);
        }
        String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
        String query = parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery();
        String url = "https://" + host + (port == -1 || port == 443 ? "" : ":" + port) + path + query;
        return new ReportUri(Scheme.HTTPS, url);
    }

    // A bracketed IPv6 literal (RFC 3986 section 3.2.2) is kept only inside the global unicast range 2000::/3:
    // loopback, link-local, unique-local, mapped IPv4 and the like cannot be a public receiver. The address
    // policy still checks the address at connect time, as it does for an IPv4 literal or a resolved name.
    private static String ipv6Literal(String bracketed) {
        String literal = bracketed.substring(1, bracketed.length() - 1);
        if (literal.isEmpty() || !literal.chars().allMatch(c -> c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
                || (c >= 'A' && c <= 'F'))) {
            // Also refuses zone identifiers ("%25eth0") and IPvFuture: neither names a public receiver.
            throw new IllegalArgumentException("https URI host is not an IPv6 address");
        }
        byte[] address;
        try {
            // A literal of hex digits, colons and dots is parsed, never looked up in DNS.
            address = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("https URI host is not an IPv6 address");
        }
        if (address.length != 16 || (address[0] & 0xe0) != 0x20) {
            throw new IllegalArgumentException("https URI IPv6 literal is not a global unicast address (2000::/3)");
        }
        try {
            // One spelling per address (all eight groups, lower case), so that one address is one URI.
            return "[" + Inet6Address.getByAddress(null, address).getHostAddress() + "]";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The URI in the form compared for "the same reporting URI" (docs/design.md 2.2): for mailto the
     * {@link ReportingAddress#target()} of its address, so the ledger, the dedupe and the suppression list agree.
     */
    public String normalised() {
        return scheme == Scheme.MAILTO ? ReportingAddress.of(this).target() : target;
    }

    /**
     * The domain that receives the report, which the per-domain daily cap counts (docs/design.md 2.10): the
     * address's domain for mailto, the host for https (lower case, an IPv6 literal with its brackets).
     */
    public String reportingDomain() {
        return scheme == Scheme.MAILTO ? Addresses.domainOf(target) : URI.create(target).getRawAuthority()
                .replaceFirst("^[^@]*@", "").replaceFirst(":\\d+$", "");
    }

    /** Order-insensitive, normalised set of URIs. */
    public static Set<String> normalisedSet(Collection<ReportUri> uris) {
        return uris.stream().map(ReportUri::normalised).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The URI: {@code mailto:<address>} or the https URL. */
    public String uri() {
        return scheme == Scheme.MAILTO ? "mailto:" + target : target;
    }

    @Override
    public String toString() {
        return uri();
    }
}
