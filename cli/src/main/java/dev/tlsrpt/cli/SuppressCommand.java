package dev.tlsrpt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.suppression.AlreadySuppressedException;
import dev.tlsrpt.suppression.NotSuppressedException;
import dev.tlsrpt.suppression.Suppression;
import dev.tlsrpt.suppression.SuppressionList;
import dev.tlsrpt.suppression.SuppressionSource;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.ReportingAddress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code tlsrpt suppress add|list|extend|remove}: reporting addresses that must not receive reports
 * (docs/design.md 2.8). Addresses are normalised (domain in lower-case A-labels), so an internationalised
 * address matches however it is typed.
 */
@Command(name = "suppress", mixinStandardHelpOptions = true,
        description = "Keep reports away from reporting addresses: add, list, extend and remove suppressions.",
        subcommands = {SuppressCommand.Add.class, SuppressCommand.ListEntries.class, SuppressCommand.Extend.class,
                SuppressCommand.Remove.class})
final class SuppressCommand {

    static SuppressionList list(AwsOptions aws) {
        return new DynamoDbSuppressionList(aws.dynamoDb(), aws.settings().suppressionTable());
    }

    /** When a suppression ends: a date or instant, or a duration from now; neither means permanent. */
    static class End {
        @Option(names = "--until", paramLabel = "DATE", converter = InstantConverter.class,
                description = "End: a UTC date (2027-06-01 = until that day begins) or an instant (2027-06-01T12:00:00Z).")
        Instant until;

        @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "End, from now: e.g. 30d, 12h, 2w, or ISO-8601 (P30D).")
        Duration duration;

        Instant resolve(CommandSpec spec, Instant now) {
            Instant end = until != null ? until : now.plus(duration);
            if (!end.isAfter(now)) {
                throw new ParameterException(spec.commandLine(), "the end of the suppression must be in the future: " + end);
            }
            return end;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Suppress an address, permanently unless --until or --for says otherwise. "
                    + "An expired entry is replaced; an active one is left alone (use `extend`).")
    static final class Add implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "ADDRESS", description = "The reporting address, e.g. tlsrpt@example.net.")
        String address;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        End end;

        @Option(names = "--reason", description = "Why, for the people who read the list.")
        String reason;

        @Option(names = "--comment", description = "Anything else worth keeping with the entry.")
        String comment;

        @Option(names = "--json", description = "Print the entry as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Instant now = Instant.now();
            String normalised = normalise(spec, address);
            Suppression entry = new Suppression(normalised, end == null ? null : end.resolve(spec, now),
                    text(spec, "--reason", reason), SuppressionSource.OPERATOR, text(spec, "--comment", comment), now);
            try {
                list(aws).add(entry, now);
            } catch (AlreadySuppressedException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage()
                        + "; use `tlsrpt suppress extend` to change its end");
                return 1;
            }
            print(spec, json, entry, "suppressed " + describe(entry));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the suppressed addresses; expired entries show until the table's TTL removes them.")
    static final class ListEntries implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Spec CommandSpec spec;

        @Option(names = "--active", description = "Only entries that suppress now.")
        boolean activeOnly;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Instant now = Instant.now();
            List<Suppression> entries = list(aws).list().stream()
                    .filter(entry -> !activeOnly || entry.isActive(now))
                    .toList();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                entries.forEach(entry -> array.add(toJson(entry, now)));
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
                return 0;
            }
            if (entries.isEmpty()) {
                out.println("no suppressed addresses");
                return 0;
            }
            String format = "%-40s %-8s %-21s %-14s %-21s %s%n";
            out.printf(format, "ADDRESS", "STATE", "UNTIL", "SOURCE", "CREATED", "REASON");
            for (Suppression entry : entries) {
                out.printf(format, entry.address(), entry.isActive(now) ? "active" : "expired",
                        entry.isPermanent() ? "permanent" : entry.until().toString(), entry.source().wireName(),
                        entry.created().toString(), oneLine(entry.reason()) + (entry.comment() == null ? "" : " (" + oneLine(entry.comment()) + ")"));
            }
            return 0;
        }
    }

    @Command(name = "extend", mixinStandardHelpOptions = true,
            description = "Give a suppressed address (active or expired) a new end.")
    static final class Extend implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "ADDRESS", description = "The suppressed address.")
        String address;

        @ArgGroup(exclusive = true, multiplicity = "1")
        NewEnd end;

        @Option(names = "--json", description = "Print the updated entry as JSON.")
        boolean json;

        /** --until or --for, as for `add`, or --permanent. */
        static final class NewEnd extends End {
            @Option(names = "--permanent", description = "Never end.")
            boolean permanent;
        }

        @Override
        public Integer call() throws Exception {
            Instant now = Instant.now();
            String normalised = normalise(spec, address);
            Instant until = end.permanent ? null : end.resolve(spec, now);
            Suppression updated;
            try {
                updated = list(aws).extend(normalised, until);
            } catch (NotSuppressedException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage() + "; use `tlsrpt suppress add`");
                return 1;
            }
            print(spec, json, updated, "suppressed " + describe(updated));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Let reports reach an address again.")
    static final class Remove implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "ADDRESS", description = "The suppressed address.")
        String address;

        @Override
        public Integer call() {
            String normalised = normalise(spec, address);
            if (!list(aws).remove(normalised)) {
                spec.commandLine().getErr().println("error: " + normalised + " is not on the suppression list");
                return 1;
            }
            spec.commandLine().getOut().println("removed " + normalised);
            return 0;
        }
    }

    private static String normalise(CommandSpec spec, String address) {
        try {
            return ReportingAddress.parse(address).identity();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "ADDRESS: " + e.getMessage());
        }
    }

    private static String text(CommandSpec spec, String option, String value) {
        if (value != null && (value.length() > 500 || value.chars().anyMatch(c -> Character.isISOControl(c)))) {
            throw new ParameterException(spec.commandLine(), option + " must be at most 500 printable characters");
        }
        return value;
    }

    private static String describe(Suppression entry) {
        return entry.address() + (entry.isPermanent() ? " permanently" : " until " + entry.until());
    }

    private static void print(CommandSpec spec, boolean json, Suppression entry, String text) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(entry, Instant.now())) : text);
    }

    private static ObjectNode toJson(Suppression entry, Instant now) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("address", entry.address());
        if (entry.until() != null) {
            node.put("until", entry.until().toString());
        }
        node.put("permanent", entry.isPermanent()).put("active", entry.isActive(now)).put("source", entry.source().wireName());
        if (entry.reason() != null) {
            node.put("reason", entry.reason());
        }
        if (entry.comment() != null) {
            node.put("comment", entry.comment());
        }
        if (entry.strikes() > 0) {
            node.put("strikes", entry.strikes());
        }
        return node.put("created", entry.created().toString());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ");
    }

    /** {@code 2027-06-01} (start of that UTC day) or an ISO-8601 instant. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a date (2027-06-01) or an instant (2027-06-01T12:00:00Z)");
            }
        }
    }

    /** {@code 30d}, {@code 12h}, {@code 2w}, {@code 90m}, or ISO-8601 ({@code P30D}, {@code PT12H}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([mhdw])");

        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            Matcher m = SHORT.matcher(v);
            Duration duration = null;
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                duration = switch (m.group(2)) {
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofDays(7 * n);
                };
            } else if (v.startsWith("p")) {
                try {
                    duration = Duration.parse(v.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    duration = null;
                }
            }
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new TypeConversionException("'" + value + "' is not a positive duration such as 30d, 12h, 2w or P30D");
            }
            return duration;
        }
    }
}
