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
 * percent-encoded; unknown extension fields are ignored; one bad URI never drops the others.
 */
public final class TlsrptRecordParser {
    private static final String VERSION = "v=TLSRPTv1";

    private TlsrptRecordParser() {
    }

    /** Whether a TXT record (strings already joined) is a TLSRPT record: "v=TLSRPTv1" then ";", whitespace or the end. */
    public static boolean isTlsrptRecord(String txt) {
        if (!txt.startsWith(VERSION)) {
            return false;
        }
        if (txt.length() == VERSION.length()) {
            return true;
        }
        char next = txt.charAt(VERSION.length());
        return next == ';' || next == ' ' || next == '\t';
    }

    /**
     * Parses a TLSRPT record. Throws {@link IllegalArgumentException} when it is not one, or has no
     * {@code rua} with at least one usable URI.
     */
    public static TlsrptRecord parse(String txt) {
        if (!isTlsrptRecord(txt)) {
            throw new IllegalArgumentException("not a TLSRPT record: must begin with v=TLSRPTv1");
        }
        String[] fields = txt.substring(VERSION.length()).split(";", -1);
        String rua = null;
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
            if (name.equals("rua") && rua == null) {
                rua = field.substring(eq + 1).strip();
            }
            // RFC 8460 section 3: other (extension) fields are ignored; a repeated rua is too.
        }
        if (rua == null || rua.isEmpty()) {
            throw new IllegalArgumentException("TLSRPT record without rua");
        }
        List<ReportUri> uris = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String raw : rua.split(",", -1)) {
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
