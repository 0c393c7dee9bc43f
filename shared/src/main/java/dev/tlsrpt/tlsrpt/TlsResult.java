package dev.tlsrpt.tlsrpt;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What an MTA tells us about its TLS sessions to one recipient domain under one policy on one UTC day
 * (docs/design.md 2.1).
 *
 * @param day             the UTC day the sessions happened on
 * @param recipientDomain the domain mail was addressed to, in A-labels
 * @param policy          the policy the sessions were evaluated against
 * @param successCount    sessions that negotiated TLS as the policy required
 * @param failureCount    sessions that failed; details may exist while this is 0
 * @param details         failure details, counts included
 * @param trigger         whether this result may cause a report on its own (false for deliveries of TLS reports)
 */
public record TlsResult(
        LocalDate day,
        String recipientDomain,
        Policy policy,
        long successCount,
        long failureCount,
        List<FailureDetail> details,
        boolean trigger) {

    public TlsResult {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(recipientDomain, "recipient-domain");
        Objects.requireNonNull(policy, "policy");
        recipientDomain = DomainNames.toALabel(recipientDomain);
        // RFC 8460 section 4.4: policy-domain is required; only parsed peer reports may lack it.
        Objects.requireNonNull(policy.domain(), "policy-domain");
        if (successCount < 0 || failureCount < 0) {
            throw new IllegalArgumentException("session counts must not be negative");
        }
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** Whether this result reports a problem: a failed session or any failure detail (docs/design.md 2.2). */
    public boolean hasFailure() {
        return failureCount > 0 || !details.isEmpty();
    }
}
