package dev.tlsrpt.cli.dashboard;

import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.LocalDate;
import java.util.List;

/** One stored day as the result store hands it out: each destination gets only its own results. */
record DayOfResults(List<TlsResult> results) implements StoredResults {
    @Override
    public List<DestinationKey> destinations(LocalDate day) {
        return day.equals(TlsrptFixtures.DAY) ? WorkerFixtures.jobs(results) : List.of();
    }

    @Override
    public List<TlsResult> results(DestinationKey destination) {
        return results.stream().filter(r -> destination.kind() == DestinationKind.RECIPIENT_DOMAIN
                ? r.recipientDomain().equals(destination.domain())
                : r.policy().type() == PolicyType.TLSA && r.policy().mxHosts().contains(destination.domain())).toList();
    }
}
