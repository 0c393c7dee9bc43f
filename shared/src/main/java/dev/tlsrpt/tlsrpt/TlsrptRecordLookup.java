package dev.tlsrpt.tlsrpt;

import java.util.List;
import java.util.Objects;

/** Looks up a policy domain's TLSRPT record: TXT at {@code _smtp._tls.<domain>} (RFC 8460 section 3). */
public final class TlsrptRecordLookup {
    private final TxtResolver resolver;

    public TlsrptRecordLookup(TxtResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The name queried for a policy domain: {@code _smtp._tls.<A-label domain>.}. */
    public static String recordName(String policyDomain) {
        return "_smtp._tls." + DomainNames.toALabel(policyDomain) + ".";
    }

    public TlsrptLookupResult lookup(String policyDomain) {
        String name = recordName(policyDomain);
        return switch (resolver.lookupTxt(name)) {
            case TxtAnswer.Failure f -> new TlsrptLookupResult.TemporaryFailure(name + ": " + f.reason());
            case TxtAnswer.NameNotFound n -> new TlsrptLookupResult.NoRecord(name + ": no such domain (NXDOMAIN)");
            case TxtAnswer.NoData n -> new TlsrptLookupResult.NoRecord(name + ": no TXT record");
            case TxtAnswer.Records r -> fromRecords(name, r.records());
        };
    }

    private static TlsrptLookupResult fromRecords(String name, List<List<String>> records) {
        // RFC 8460 section 3: the strings of one TXT record are joined without spaces.
        List<String> tlsrpt = records.stream()
                .map(strings -> String.join("", strings))
                .filter(TlsrptRecordParser::isTlsrptRecord)
                .toList();
        if (tlsrpt.isEmpty()) {
            return new TlsrptLookupResult.NoRecord(name + ": no TXT record starts with v=TLSRPTv1");
        }
        if (tlsrpt.size() > 1) {
            return new TlsrptLookupResult.SeveralRecords(tlsrpt);
        }
        try {
            return new TlsrptLookupResult.Found(TlsrptRecordParser.parse(tlsrpt.get(0)));
        } catch (IllegalArgumentException e) {
            return new TlsrptLookupResult.NoRecord(name + ": " + e.getMessage());
        }
    }
}
