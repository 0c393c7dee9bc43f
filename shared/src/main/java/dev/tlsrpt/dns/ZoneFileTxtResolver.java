package dev.tlsrpt.dns;

import dev.tlsrpt.tlsrpt.TxtAnswer;
import dev.tlsrpt.tlsrpt.TxtResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * TXT answers from a master-format zone file read with dnsjava's zone parser: for tests and local
 * runs. A name with no records at all is NXDOMAIN (as are names below none); a name with other
 * records but no TXT is NODATA. A TXT record whose only string is {@code "tlsrpt-test:servfail"}
 * makes its name answer a temporary failure, so that retries can be exercised locally.
 */
public final class ZoneFileTxtResolver implements TxtResolver {
    /** Marker that turns a name's answer into SERVFAIL. */
    public static final String SERVFAIL_MARKER = "tlsrpt-test:servfail";

    private final Map<Name, List<List<String>>> txt = new HashMap<>();
    private final Set<Name> names = new HashSet<>();

    private ZoneFileTxtResolver() {
    }

    public static ZoneFileTxtResolver fromFile(Path zoneFile) {
        try (InputStream in = Files.newInputStream(zoneFile)) {
            return fromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ZoneFileTxtResolver fromString(String zone) {
        return fromStream(new ByteArrayInputStream(zone.getBytes(StandardCharsets.UTF_8)));
    }

    private static ZoneFileTxtResolver fromStream(InputStream in) {
        ZoneFileTxtResolver resolver = new ZoneFileTxtResolver();
        try (Master master = new Master(in, Name.root)) {
            master.disableIncludes();
            Record record;
            while ((record = master.nextRecord()) != null) {
                Name name = record.getName();
                for (Name n = name; n.labels() > 1; n = new Name(n, 1)) {
                    resolver.names.add(n); // empty non-terminals exist too (NODATA, not NXDOMAIN)
                }
                if (record instanceof TXTRecord t) {
                    List<String> strings = new ArrayList<>();
                    for (byte[] bytes : t.getStringsAsByteArrays()) {
                        strings.add(new String(bytes, StandardCharsets.UTF_8));
                    }
                    resolver.txt.computeIfAbsent(name, k -> new ArrayList<>()).add(strings);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zone file: " + e.getMessage(), e);
        }
        return resolver;
    }

    @Override
    public TxtAnswer lookupTxt(String name) {
        Name qname = DnsNames.absolute(name);
        List<List<String>> records = txt.get(qname);
        if (records != null) {
            if (records.stream().anyMatch(r -> r.equals(List.of(SERVFAIL_MARKER)))) {
                return new TxtAnswer.Failure("DNS answered SERVFAIL");
            }
            return new TxtAnswer.Records(records);
        }
        return names.contains(qname) ? new TxtAnswer.NoData() : new TxtAnswer.NameNotFound();
    }
}
