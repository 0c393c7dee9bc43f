package dev.tlsrpt.tlsrpt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One of the operator's destination rules (docs/design.md 2.12): which reporting URIs it matches, and what
 * becomes of a report to them. The rules are tried in {@code position} order; the first that matches a URI
 * decides it.
 *
 * @param id       the rule's name, {@code [a-z0-9][a-z0-9-]*}, at most 40 characters
 * @param position where it stands among the rules (lower first; equal positions by id)
 * @param match    what {@code pattern} is compared with
 * @param pattern  a domain (matches itself and its subdomains), a URI (matches that reporting address or URI),
 *                 or a regular expression (matches the whole URI, {@code mailto:a@b} or the https URL)
 * @param action   what happens to a report to a matching URI
 * @param to       for redirect and copy, the URI the report goes to instead or also; otherwise null
 * @param reason   why, for people (shown in status); may be null
 */
public record DestinationRule(String id, int position, Match match, String pattern, Action action, String to, String reason) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final int MAX_PATTERN = 500;
    /**
     * Compiled regular expressions by their text, so that matching a URI does not compile the rule again (a
     * record holds no derived field). Bounded: the rules a worker sees change over its life.
     */
    private static final Map<String, Pattern> COMPILED = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > 256;
        }
    });

    public enum Match {
        DOMAIN, URI, REGEX;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Match fromWireName(String name) {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        }
    }

    public enum Action {
        /** No report to the URI: it is recorded skipped with the rule's reason. */
        DISCARD,
        /** The report goes to {@code to} instead of the URI. */
        REDIRECT,
        /** The report goes to the URI as usual, and a copy, its own message, to {@code to}. */
        COPY,
        /** The report goes to the URI whatever the caps say. */
        ALLOW;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action fromWireName(String name) {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        }
    }

    public DestinationRule {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id must be lower-case letters, digits and '-', at most 40: " + id);
        }
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank() || pattern.length() > MAX_PATTERN) {
            throw new IllegalArgumentException("pattern must be 1 to " + MAX_PATTERN + " characters");
        }
        pattern = switch (match) {
            case DOMAIN -> DomainNames.toALabel(pattern.strip());
            case URI -> ReportUri.parse(pattern.strip()).normalised();
            case REGEX -> compiled(pattern).pattern();
        };
        boolean needsTarget = action == Action.REDIRECT || action == Action.COPY;
        if (needsTarget && (to == null || to.isBlank())) {
            throw new IllegalArgumentException(action.wireName() + " needs the URI the report goes to");
        }
        if (!needsTarget && to != null) {
            throw new IllegalArgumentException(action.wireName() + " takes no URI to send to");
        }
        to = to == null ? null : ReportUri.parse(to.strip()).uri();
        reason = reason == null || reason.isBlank() ? null : HeaderValues.requireSafe("reason", reason.strip());
    }

    /** Whether the rule applies to a report to {@code uri}. */
    public boolean matches(ReportUri uri) {
        return switch (match) {
            case DOMAIN -> {
                String domain = uri.reportingDomain();
                yield domain.equals(pattern) || domain.endsWith("." + pattern);
            }
            case URI -> uri.normalised().equals(pattern);
            case REGEX -> COMPILED.computeIfAbsent(pattern, DestinationRule::compiled).matcher(uri.uri()).matches();
        };
    }

    /** The URI of {@code to}, for redirect and copy. */
    public ReportUri target() {
        return to == null ? null : ReportUri.parse(to);
    }

    /** How status and events name what the rule did. */
    public String describe(String what) {
        return "rule " + id + ": " + what + (reason == null ? "" : " (" + reason + ")");
    }

    private static Pattern compiled(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a regular expression: " + e.getDescription());
        }
    }
}
