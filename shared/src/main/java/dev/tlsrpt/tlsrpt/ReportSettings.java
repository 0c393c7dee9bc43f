package dev.tlsrpt.tlsrpt;

import java.util.Objects;

/**
 * What a deployment says about itself in every report (RFC 8460 sections 4.4 and 5.3).
 *
 * @param organizationName  organization-name
 * @param submitterDomain   the submitter: TLS-Report-Submitter, the DKIM d= domain, the filename's sender (A-label)
 * @param contactInfo       contact-info: an address at the submitter domain
 * @param fromAddress       the From: address of report emails, at the submitter domain
 * @param reportAllSuccess  also send reports that carry no failure (docs/design.md 2.2; off by default)
 */
public record ReportSettings(
        String organizationName,
        String submitterDomain,
        String contactInfo,
        String fromAddress,
        boolean reportAllSuccess) {

    public ReportSettings {
        Objects.requireNonNull(organizationName, "organizationName");
        if (organizationName.isBlank()) {
            throw new IllegalArgumentException("organizationName must not be blank");
        }
        HeaderValues.requireSafe("organizationName", organizationName);
        submitterDomain = DomainNames.toALabel(submitterDomain);
        contactInfo = Addresses.normalise(contactInfo);
        fromAddress = Addresses.normalise(fromAddress);
        // docs/design.md 2.5: TLS-Report-Submitter = domain of contact-info = DKIM d= domain.
        if (!Addresses.domainOf(contactInfo).equals(submitterDomain)) {
            throw new IllegalArgumentException("contactInfo must be an address at the submitter domain " + submitterDomain);
        }
        if (!Addresses.domainOf(fromAddress).equals(submitterDomain)) {
            throw new IllegalArgumentException("fromAddress must be an address at the submitter domain " + submitterDomain);
        }
    }

    /** Where the functions read ReportAllSuccess from (template.yaml gives the planner and the worker the same). */
    public static final String REPORT_ALL_SUCCESS_ENV = "REPORT_ALL_SUCCESS";

    /**
     * ReportAllSuccess as the functions read it: unset is off; {@code true} or {@code false}, the template's
     * values; anything else is refused, since it decides which days get a report.
     */
    public static boolean parseReportAllSuccess(String value) {
        String setting = value == null ? "false" : value.strip();
        return switch (setting) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException("environment variable " + REPORT_ALL_SUCCESS_ENV + " must be true or false, not \""
                    + setting + "\"");
        };
    }

    /** Settings with ReportAllSuccess off, the default. */
    public static ReportSettings of(String organizationName, String submitterDomain, String contactInfo, String fromAddress) {
        return new ReportSettings(organizationName, submitterDomain, contactInfo, fromAddress, false);
    }
}
