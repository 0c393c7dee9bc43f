package dev.tlsrpt.cli;

import dev.tlsrpt.tlsrpt.ReportSettings;
import picocli.CommandLine.Option;

/** The reporting settings the deployed worker has as stack parameters; here from options or the environment. */
final class ReportOptions {
    @Option(names = "--organization-name", defaultValue = "${env:TLSRPT_ORGANIZATION_NAME:-Example Mail Operator}",
            description = "organization-name in reports (default: $TLSRPT_ORGANIZATION_NAME or ${DEFAULT-VALUE}).")
    String organizationName;

    @Option(names = "--submitter-domain", defaultValue = "${env:TLSRPT_SUBMITTER_DOMAIN:-example.com}",
            description = "The submitter domain (default: $TLSRPT_SUBMITTER_DOMAIN or ${DEFAULT-VALUE}).")
    String submitterDomain;

    @Option(names = "--contact-address", defaultValue = "${env:TLSRPT_CONTACT_ADDRESS:-tlsrpt@example.com}",
            description = "contact-info in reports (default: $TLSRPT_CONTACT_ADDRESS or ${DEFAULT-VALUE}).")
    String contactAddress;

    @Option(names = "--from-address", defaultValue = "${env:TLSRPT_FROM_ADDRESS:-tlsrpt-noreply@example.com}",
            description = "From of report emails (default: $TLSRPT_FROM_ADDRESS or ${DEFAULT-VALUE}).")
    String fromAddress;

    @Option(names = "--report-all-success", defaultValue = "${env:TLSRPT_REPORT_ALL_SUCCESS:-false}",
            description = "Also report days without failures (default: $TLSRPT_REPORT_ALL_SUCCESS or ${DEFAULT-VALUE}).")
    boolean reportAllSuccess;


    ReportSettings settings() {
        return new ReportSettings(organizationName, submitterDomain, contactAddress, fromAddress, reportAllSuccess);
    }
}
