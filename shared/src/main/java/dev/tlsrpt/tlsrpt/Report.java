package dev.tlsrpt.tlsrpt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * An RFC 8460 section 4 aggregate report. Reports we build always carry every field; reports read
 * from peers may lack {@code contact-info} (then {@code null}, and omitted when written again).
 */
@JsonPropertyOrder({"organization-name", "date-range", "contact-info", "report-id", "policies"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(
        @JsonProperty("organization-name") String organizationName,
        @JsonProperty("date-range") DateRange dateRange,
        @JsonProperty("contact-info") String contactInfo,
        @JsonProperty("report-id") String reportId,
        @JsonProperty("policies") List<PolicyResult> policies) {

    public Report {
        Objects.requireNonNull(organizationName, "organization-name");
        Objects.requireNonNull(dateRange, "date-range");
        Objects.requireNonNull(reportId, "report-id");
        contactInfo = contactInfo == null || contactInfo.isEmpty() ? null : contactInfo;
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** Parses a report (RFC 8460 section 4), tolerating unknown fields and a single-string mx-host. */
    public static Report fromJson(byte[] json) {
        return Json.fromBytes(json, Report.class);
    }

    /** The report as compact UTF-8 JSON. */
    public byte[] toJson() {
        return Json.toBytes(this);
    }

    /** The report as RFC 8460 section 5.3 attachment / section 5.4 body: gzip of the JSON. */
    public byte[] toGzip() {
        return gzip(toJson());
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 4096)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
