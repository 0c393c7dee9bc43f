package dev.tlsrpt.dns;

import dev.tlsrpt.tlsrpt.TxtAnswer;
import dev.tlsrpt.tlsrpt.TxtResolver;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * TXT lookups through dnsjava against the system's recursive resolvers (or the given ones). The
 * response code decides the outcome: NXDOMAIN, NOERROR without TXT (NODATA), NOERROR with TXT, and
 * everything else (SERVFAIL, REFUSED, timeouts) a temporary failure.
 */
public final class DnsJavaTxtResolver implements TxtResolver {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Resolver resolver;

    /** The system's resolvers (resolv.conf), 5 s timeout. */
    public DnsJavaTxtResolver() {
        this(systemResolver());
    }

    /** For tests and explicit resolver choices. */
    public DnsJavaTxtResolver(Resolver resolver) {
        this.resolver = resolver;
    }

    private static Resolver systemResolver() {
        ExtendedResolver resolver = new ExtendedResolver();
        resolver.setTimeout(DEFAULT_TIMEOUT);
        return resolver;
    }

    /** Resolvers at the given host names or addresses (e.g. "127.0.0.53"). */
    public static DnsJavaTxtResolver using(String... servers) throws UnknownHostException {
        ExtendedResolver resolver = new ExtendedResolver(servers);
        resolver.setTimeout(DEFAULT_TIMEOUT);
        return new DnsJavaTxtResolver(resolver);
    }

    @Override
    public TxtAnswer lookupTxt(String name) {
        Name qname = DnsNames.absolute(name);
        Message query = Message.newQuery(Record.newRecord(qname, Type.TXT, DClass.IN));
        query.getHeader().setFlag(Flags.RD);
        Message response;
        try {
            response = resolver.send(query);
        } catch (IOException e) {
            return new TxtAnswer.Failure("DNS query failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new TxtAnswer.NameNotFound();
        }
        if (rcode != Rcode.NOERROR) {
            return new TxtAnswer.Failure("DNS answered " + Rcode.string(rcode));
        }
        List<List<String>> records = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            // A CNAME chain may precede the TXT records; only TXT records count.
            if (record instanceof TXTRecord txt) {
                List<String> strings = new ArrayList<>();
                for (byte[] bytes : txt.getStringsAsByteArrays()) {
                    strings.add(new String(bytes, StandardCharsets.UTF_8));
                }
                records.add(strings);
            }
        }
        return records.isEmpty() ? new TxtAnswer.NoData() : new TxtAnswer.Records(records);
    }
}
