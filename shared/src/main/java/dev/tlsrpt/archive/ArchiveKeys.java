package dev.tlsrpt.archive;

import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.DomainNames;
import dev.tlsrpt.tlsrpt.ReportParts;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the archive keeps what was sent of a report, by day, destination and target:
 * {@code reports/<day>/<kind>/<domain>/<target>.eml} (a signed message) or {@code .../<target>.json.gz} (an HTTPS
 * POST body); part k of a report sent in parts is {@code <target> part <k>.eml} (docs/design.md 2.13). One object a
 * delivery: the report JSON is inside it ({@link ArchivedReport}). Keys are deterministic, so a retry writes the
 * same object again instead of a second one, and the ledger and the dashboard find an object from the job and
 * target alone.
 */
public final class ArchiveKeys {
    public static final String ROOT = "reports/";
    /** The report JSON an earlier release kept beside the deliveries: {@code report.json}, {@code report-<k>.json}. */
    private static final Pattern EARLIER_REPORT = Pattern.compile("report(-\\d+)?\\.json");
    private static final DateTimeFormatter REPORT_ID_DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private ArchiveKeys() {
    }

    /** Every object of one day. */
    public static String dayPrefix(LocalDate day) {
        return ROOT + day + "/";
    }

    /** Every object of one destination of a day. */
    public static String destinationPrefix(DestinationKey job) {
        return dayPrefix(job.day()) + job.kind().tag() + "/" + DomainNames.toALabel(job.domain()) + "/";
    }

    /** The exact bytes sent to one target: the signed message of a {@code mailto:} target, the POST body of an https one. */
    public static String message(DestinationKey job, String target) {
        ReportParts.PartTarget part = ReportParts.parseTarget(target);
        String name = ReportParts.target(targetName(part.target()), part.part());
        return destinationPrefix(job) + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (name.startsWith("mailto:") ? ".eml" : ".json.gz");
    }

    /**
     * One spelling per target, whichever side names it: the ledger's normalised URI or the mailer's
     * envelope recipient. Addresses are compared lower case with an A-label domain.
     */
    static String targetName(String target) {
        if (!target.regionMatches(true, 0, "mailto:", 0, 7)) {
            return target;
        }
        String address = target.substring(7).toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return "mailto:" + address;
        }
        return "mailto:" + address.substring(0, at + 1) + DomainNames.toALabel(address.substring(at + 1));
    }

    /**
     * The destination a report-id names: ids are {@code <yyyymmdd>.<kind tag>.<domain>@<submitter>}
     * ({@link dev.tlsrpt.tlsrpt.ReportBuilder#reportId}).
     */
    public static Optional<DestinationKey> destinationOf(String partId) {
        String reportId = ReportParts.wholeId(partId);
        int at = reportId.lastIndexOf('@');
        String[] parts = (at < 0 ? reportId : reportId.substring(0, at)).split("\\.", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<DestinationKind> kind = Arrays.stream(DestinationKind.values()).filter(k -> k.tag().equals(parts[1])).findFirst();
        try {
            return kind.map(k -> new DestinationKey(LocalDate.parse(parts[0], REPORT_ID_DAY), k, parts[2]));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** What a key names, for listings; empty for a key this scheme does not make. */
    public static Optional<Entry> parse(String key) {
        if (!key.startsWith(ROOT)) {
            return Optional.empty();
        }
        String[] parts = key.substring(ROOT.length()).split("/");
        if (parts.length != 4) {
            return Optional.empty();
        }
        Optional<DestinationKind> kind = Arrays.stream(DestinationKind.values()).filter(k -> k.tag().equals(parts[1])).findFirst();
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        LocalDate day;
        try {
            day = LocalDate.parse(parts[0]);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        DestinationKey job = new DestinationKey(day, kind.get(), parts[2]);
        if (EARLIER_REPORT.matcher(parts[3]).matches()) {
            return Optional.of(new Entry(job, null));
        }
        String encoded = parts[3].endsWith(".eml") ? parts[3].substring(0, parts[3].length() - 4)
                : parts[3].endsWith(".json.gz") ? parts[3].substring(0, parts[3].length() - 8) : null;
        return encoded == null ? Optional.empty()
                : Optional.of(new Entry(job, URLDecoder.decode(encoded, StandardCharsets.UTF_8)));
    }

    /** @param target null for an earlier release's report JSON, else the target the sent bytes went to */
    public record Entry(DestinationKey job, String target) {
    }
}
