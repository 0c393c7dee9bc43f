package dev.tlsrpt.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The DKIM key record as DNS holds it (RFC 6376 section 3.6.1): its tags, and its zone-file line. */
final class DkimKeyRecord {
    /** RFC 1035 section 3.3: a TXT character-string holds at most 255 bytes. */
    static final int MAX_STRING_BYTES = 255;
    /** An hour: short enough that a mistake is soon corrected, long enough for receivers' caches. */
    static final int TTL_SECONDS = 3600;
    /** A selector: labels of letters, digits, '-' and '_' (template.yaml's DkimSelector pattern). */
    static final java.util.regex.Pattern SELECTOR = java.util.regex.Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");

    private DkimKeyRecord() {
    }

    /** {@code <selector>._domainkey.<domain>}, the name the record lives at. */
    static String name(String selector, String domain) {
        return selector + "._domainkey." + domain;
    }

    /** The zone-file line to publish: the record split into character-strings of at most 255 bytes. */
    static String zoneLine(String name, String record) {
        StringBuilder line = new StringBuilder(name).append(". ").append(TTL_SECONDS).append(" IN TXT");
        for (String part : split(record)) {
            line.append(" \"").append(part).append('"');
        }
        return line.toString();
    }

    /** The record in character-strings of at most 255 bytes (the record is ASCII: base64 and tags). */
    static List<String> split(String record) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(record) || record.contains("\"") || record.contains("\\")) {
            throw new IllegalArgumentException("a DKIM key record is printable ASCII without quotes");
        }
        List<String> parts = new ArrayList<>();
        for (int start = 0; start < record.length(); start += MAX_STRING_BYTES) {
            parts.add(record.substring(start, Math.min(record.length(), start + MAX_STRING_BYTES)));
        }
        return parts;
    }

    /** The tags of a record (its character-strings joined), names lower-case, whitespace removed from values. */
    static Map<String, String> tags(String record) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : record.split(";")) {
            int equals = tag.indexOf('=');
            if (equals > 0) {
                tags.putIfAbsent(tag.substring(0, equals).strip().toLowerCase(java.util.Locale.ROOT),
                        tag.substring(equals + 1).replaceAll("\\s+", ""));
            }
        }
        return tags;
    }

    /** RFC 6376 section 3.6.1: s= lists service types separated by colons; absent means "*". */
    static boolean allowsTlsrpt(Map<String, String> tags) {
        String services = tags.getOrDefault("s", "*");
        for (String service : services.split(":")) {
            if (service.equals("*") || service.equalsIgnoreCase("tlsrpt")) {
                return true;
            }
        }
        return false;
    }
}
