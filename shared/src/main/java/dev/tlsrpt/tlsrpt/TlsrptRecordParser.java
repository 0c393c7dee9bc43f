package dev.tlsrpt.tlsrpt;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 8460 section 3 record syntax:
 * <pre>
 * tlsrpt-record = "v=TLSRPTv1" 1*(field-delim tlsrpt-field) [field-delim]
 * field-delim   = *WSP ";" *WSP
 * tlsrpt-rua    = "rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
 * tlsrpt-ext    = tlsrpt-ext-name *WSP "=" *WSP tlsrpt-ext-value
 * </pre>
 * Whitespace is accepted around {@code ;}, {@code =} and {@code ,}; {@code , ! ;} inside a URI are
 * percent-encoded; unknown extension fields are ignored; one bad URI never drops the others. A record
 * with several {@code rua=} fields reports to the URIs of all of them (as mox does), rather than
 * silently dropping every field after the first.
 */
public final class TlsrptRecordParser {
    private static final String VERSION = "v=TLSRPTv1";

    private TlsrptRecordParser() {
    }

    /**
     * Whether a TXT record (strings already joined) is a TLSRPT record: "v=TLSRPTv1", then ";" or
     * whitespace, then at least one field. RFC 8460 section 3 requires a field ({@code 1*(field-delim
     * tlsrpt-field)}): a bare "v=TLSRPTv1" is not a record, so it cannot make a valid neighbour "several records".
     */
    public static boolean isTlsrptRecord(String txt) {
        if (!txt.startsWith(VERSION) || txt.length() == VERSION.length()) {
            return false;
        }
        char next = txt.charAt(VERSION.length());
        if (next != ';' && next != ' ' && next != '\t') {
            return false;
        }
        for (int i = VERSION.length(); i < txt.length(); i++) {
            char c = txt.charAt(i);
            if (c != ';' && c != ' ' && c != '\t') {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a TLSRPT record. Throws {@link IllegalArgumentException} when it is not one, or has no
     * {@code rua} with at least one usable URI.
     */
    public static TlsrptRecord parse(String txt) {
        if (!isTlsrptRecord(txt)) {
            throw new IllegalArgumentException("not a TLSRPT record: must begin with v=TLSRPTv1 and hold a field");
        }
        String[] fields = txt.substring(VERSION.length()).split(";", -1);
        List<String> rua = new ArrayList<>();
        for (String raw : fields) {
            String field = raw.strip();
            if (field.isEmpty()) {
                continue; // the leading delimiter, or a trailing ";"
            }
            int eq = field.indexOf('=');
            if (eq <= 0) {
                continue; // not name=value: not a field we know; ignored like extensions
            }
            String name = field.substring(0, eq).strip();
            if (name.equals("rua")) {
                // A repeated rua adds its URIs: dropping them would lose reports the domain asked for.
                rua.addAll(List.of(field.substring(eq + 1).split(",", -1)));
            }
            // RFC 8460 section 3: other (extension) fields are ignored.
        }
        if (rua.stream().allMatch(String::isBlank)) {
            throw new IllegalArgumentException("TLSRPT record without rua");
        }
        List<ReportUri> uris = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String raw : rua) {
            String uri = raw.strip();
            if (uri.isEmpty()) {
                continue;
            }
            try {
                ReportUri parsed = ReportUri.parse(uri);
                if (!uris.contains(parsed)) {
                    uris.add(parsed);
                }
            } catch (IllegalArgumentException e) {
                ignored.add(uri + ": " + e.getMessage());
            }
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("TLSRPT record has no usable rua URI (" + String.join("; ", ignored) + ")");
        }
        return new TlsrptRecord(txt, uris, ignored);
    }
}
