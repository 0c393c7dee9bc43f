package dev.tlsrpt.tlsrpt;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the RFC 8460 section 4 report of one destination. Report-id, date range and filename come
 * from the day of the data, never from the day of the run (docs/design.md 2.4). Thread-safe.
 */
public final class ReportBuilder {
    /** The default bound on one report's gzip (MaxReportBytes): well inside SES's 40 MB per message, base64 included. */
    public static final long DEFAULT_MAX_REPORT_BYTES = 5L * 1024 * 1024;
    public static final long MIN_MAX_REPORT_BYTES = 64L * 1024;
    public static final long MAX_MAX_REPORT_BYTES = 20L * 1024 * 1024;
    private static final DateTimeFormatter ID_DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final ReportSettings settings;
    private final long maxReportBytes;

    public ReportBuilder(ReportSettings settings) {
        this(settings, DEFAULT_MAX_REPORT_BYTES);
    }

    /** @param maxReportBytes the largest gzip one report may have; a larger one goes in parts ({@link #buildParts}) */
    public ReportBuilder(ReportSettings settings, long maxReportBytes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (maxReportBytes < MIN_MAX_REPORT_BYTES || maxReportBytes > MAX_MAX_REPORT_BYTES) {
            throw new IllegalArgumentException("the largest report must be " + MIN_MAX_REPORT_BYTES + " to "
                    + MAX_MAX_REPORT_BYTES + " bytes, not " + maxReportBytes);
        }
        this.maxReportBytes = maxReportBytes;
    }

    public long maxReportBytes() {
        return maxReportBytes;
    }

    public ReportSettings settings() {
        return settings;
    }

    /**
     * The report of a destination. For a recipient domain, the policies as the MTAs reported them
     * (its own sts/no-policy-found and its MX hosts' tlsa/no-policy-found, each with its policy-domain).
     * For an MX host, one entry per affected recipient domain: policy-domain = that recipient domain,
     * mx-host = [the MX host] (docs/design.md 2.2).
     */
    public Report build(Destination destination) {
        List<TlsResult> results = destination.results();
        if (destination.kind() == DestinationKind.MX_HOST) {
            List<TlsResult> rewritten = new ArrayList<>(results.size());
            for (TlsResult r : results) {
                Policy policy = r.policy().withDomainAndMxHosts(r.recipientDomain(), List.of(destination.domain()));
                rewritten.add(new TlsResult(r.day(), r.recipientDomain(), policy, r.successCount(), r.failureCount(),
                        r.details(), r.trigger()));
            }
            results = rewritten;
        }
        return new Report(settings.organizationName(), DateRange.ofDay(destination.day()), settings.contactInfo(),
                reportId(destination.day(), destination.kind(), destination.domain()), PolicyResult.merge(results));
    }

    /**
     * The destination's report as it is sent: whole, or in parts when its gzip is larger than the bound
     * (docs/design.md 2.13); the parts together hold every count.
     */
    public List<ReportParts.Part> buildParts(Destination destination) {
        return ReportParts.split(build(destination), maxReportBytes);
    }

    /**
     * Unique per (day, kind, destination domain, submitter) and shaped {@code id-left@id-right}
     * (RFC 5322 msg-id, as the Subject's {@code Report-ID: <...>} wants), e.g.
     * {@code 20261128.rcpt.example.com@sender.example}.
     */
    public String reportId(LocalDate day, DestinationKind kind, String domain) {
        return day.format(ID_DAY) + "." + kind.tag() + "." + DomainNames.toALabel(domain) + "@" + settings.submitterDomain();
    }

    /**
     * RFC 8460 section 5.3 filename: {@code sender "!" policy-domain "!" begin "!" end "!" unique-id ".json.gz"},
     * timestamps in Unix seconds, unique-id the destination kind (letters only) so that the
     * recipient-domain and the MX-host report of one domain have different names.
     */
    public String filename(Destination destination) {
        return filename(destination, 1);
    }

    /** The filename of part {@code part}: its unique-id adds the part's number from part 2 on ({@code rcpt2}). */
    public String filename(Destination destination, int part) {
        DateRange range = DateRange.ofDay(destination.day());
        return settings.submitterDomain() + "!" + destination.domain() + "!" + range.start().getEpochSecond() + "!"
                + range.end().getEpochSecond() + "!" + destination.kind().tag() + (part == 1 ? "" : part) + ".json.gz";
    }
}
