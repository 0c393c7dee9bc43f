package dev.tlsrpt.tlsrpt;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
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
        String host = DomainNames.toALabel(parsed.getHost());
        int port = parsed.getPort();
        String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
        String query = parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery();
        String url = "https://" + host + (port == -1 || port == 443 ? "" : ":" + port) + path + query;
        return new ReportUri(Scheme.HTTPS, url);
    }

    /**
     * The URI in the form compared for "the same reporting URI" (docs/design.md 2.2): for mailto the
     * {@link ReportingAddress#target()} of its address, so the ledger, the dedupe and the suppression list agree.
     */
    public String normalised() {
        return scheme == Scheme.MAILTO ? ReportingAddress.of(this).target() : target;
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
