package dev.tlsrpt.cli;

import dev.tlsrpt.dns.DnsJavaTxtResolver;
import dev.tlsrpt.dns.ZoneFileTxtResolver;
import dev.tlsrpt.tlsrpt.TxtResolver;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where TXT lookups go: the system's resolvers, given servers, or a zone file (local runs and tests). */
final class DnsOptions {
    @Option(names = "--dns-server", paramLabel = "IP", split = ",",
            description = "Ask these DNS servers instead of the system's resolvers.")
    List<String> servers;

    @Option(names = "--zone", paramLabel = "FILE", description = "Answer from this zone file instead of DNS (local runs).")
    Path zone;

    TxtResolver resolver() throws UnknownHostException {
        if (zone != null) {
            return ZoneFileTxtResolver.fromFile(zone);
        }
        if (servers != null && !servers.isEmpty()) {
            return DnsJavaTxtResolver.using(servers.toArray(String[]::new));
        }
        return new DnsJavaTxtResolver();
    }
}
