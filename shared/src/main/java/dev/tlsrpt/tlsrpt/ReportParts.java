package dev.tlsrpt.tlsrpt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report too large to send whole, as several reports (docs/design.md 2.13): the policies are split among
 * parts until each part's gzip fits the bound, so the parts together hold every count of the report and no
 * policy is cut. Part 1 keeps the report's id; part k (k ≥ 2) has {@code +k} after the domain in its id
 * ({@code 20261128.rcpt.example.com+2@sender.example}: a domain never holds {@code +}), and its deliveries
 * and archived copies are named {@code <target> part k}.
 */
public final class ReportParts {
    /** What a part's delivery target adds to the target: a normalised URI never holds a space. */
    private static final String TARGET_PART = " part ";
    private static final Pattern PART_ID = Pattern.compile("^(.*)\\+(\\d+)(@[^@]*)$");
    private static final Pattern PART_TARGET = Pattern.compile("^(.*) part (\\d+)$");

    private ReportParts() {
    }

    /** One report as it is sent, with its gzip computed once. */
    public record Part(Report report, byte[] gzip) {
    }

    /**
     * The report as parts whose gzip is at most {@code maxGzipBytes} each; the report itself when it fits. A
     * single policy larger than the bound is a part of its own, never truncated (its failure details are
     * bounded by the store, docs/storage.md). Each part is measured under the id it is sent with.
     */
    public static List<Part> split(Report report, long maxGzipBytes) {
        List<Part> parts = new ArrayList<>();
        divide(report, report.policies(), maxGzipBytes, parts);
        return List.copyOf(parts);
    }

    /** Depth first, left to right: the part that fits now is the next one, so its id is known when it is measured. */
    private static void divide(Report report, List<PolicyResult> policies, long maxGzipBytes, List<Part> parts) {
        Report candidate = new Report(report.organizationName(), report.dateRange(), report.contactInfo(),
                partId(report.reportId(), parts.size() + 1), policies);
        byte[] gzip = candidate.toGzip();
        if (policies.size() < 2 || gzip.length <= maxGzipBytes) {
            parts.add(new Part(candidate, gzip));
            return;
        }
        int half = policies.size() / 2;
        divide(report, policies.subList(0, half), maxGzipBytes, parts);
        divide(report, policies.subList(half, policies.size()), maxGzipBytes, parts);
    }

    /** The id of part {@code part} of the report {@code reportId}. */
    public static String partId(String reportId, int part) {
        if (part == 1) {
            return reportId;
        }
        int at = reportId.lastIndexOf('@');
        return reportId.substring(0, at) + "+" + part + reportId.substring(at);
    }

    /** Which part a report id names: 1 for a report sent whole. */
    public static int partOf(String reportId) {
        Matcher m = PART_ID.matcher(reportId);
        return m.matches() ? Integer.parseInt(m.group(2)) : 1;
    }

    /** The id without its part: the report of the destination. */
    public static String wholeId(String reportId) {
        Matcher m = PART_ID.matcher(reportId);
        return m.matches() ? m.group(1) + m.group(3) : reportId;
    }

    /** The ledger's and the archive's name for part {@code part} sent to {@code target}. */
    public static String target(String target, int part) {
        return part == 1 ? target : target + TARGET_PART + part;
    }

    /** The target a part's delivery target was sent to, and the part: {@code mailto:a@b part 2} is (mailto:a@b, 2). */
    public static PartTarget parseTarget(String deliveryTarget) {
        Matcher m = PART_TARGET.matcher(deliveryTarget);
        return m.matches() ? new PartTarget(m.group(1), Integer.parseInt(m.group(2))) : new PartTarget(deliveryTarget, 1);
    }

    public record PartTarget(String target, int part) {
    }
}
