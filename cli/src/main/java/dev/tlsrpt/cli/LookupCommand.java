package dev.tlsrpt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.ReportUri;
import dev.tlsrpt.tlsrpt.TlsrptLookupResult;
import dev.tlsrpt.tlsrpt.TlsrptRecord;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import dev.tlsrpt.tlsrpt.TlsrptRecordParser;
import dev.tlsrpt.tlsrpt.TxtAnswer;
import dev.tlsrpt.tlsrpt.TxtResolver;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tlsrpt lookup <domain>}: the domain's {@code _smtp._tls} TXT records as DNS has them, and what the
 * daily run makes of them, with every diagnostic. Answers exactly as the worker's discovery does.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "Show a policy domain's TLSRPT record as DNS has it, parsed, with diagnostics.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a usable record: reports go there", "3:no usable record (none, or several)",
                "4:DNS failed for now (SERVFAIL, timeout): the daily run would retry", "1:error", "2:bad usage"})
final class LookupCommand implements Callable<Integer> {
    static final int NO_USABLE_RECORD = 3;
    static final int TEMPORARY_FAILURE = 4;

    @Mixin DnsOptions dns;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DOMAIN", description = "The policy domain (recipient domain or MX host); U-labels are fine.")
    String domain;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String aLabel = Arguments.domain(spec, domain);
        TxtResolver resolver = dns.resolver();
        String name = TlsrptRecordLookup.recordName(aLabel);
        TxtAnswer answer = resolver.lookupTxt(name);
        TlsrptLookupResult outcome = new TlsrptRecordLookup(resolver).lookup(aLabel);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(name, answer, outcome)));
        } else {
            printText(out, name, answer, outcome);
        }
        return switch (outcome) {
            case TlsrptLookupResult.Found found -> 0;
            case TlsrptLookupResult.NoRecord none -> NO_USABLE_RECORD;
            case TlsrptLookupResult.SeveralRecords several -> NO_USABLE_RECORD;
            case TlsrptLookupResult.TemporaryFailure failure -> TEMPORARY_FAILURE;
        };
    }

    private static void printText(PrintWriter out, String name, TxtAnswer answer, TlsrptLookupResult outcome) {
        out.println(name);
        switch (answer) {
            case TxtAnswer.Records records -> {
                for (List<String> strings : records.records()) {
                    String joined = String.join("", strings);
                    out.printf("  TXT \"%s\"%s%s%n", printable(joined),
                            strings.size() > 1 ? " (" + strings.size() + " strings, joined)" : "",
                            TlsrptRecordParser.isTlsrptRecord(joined) ? "" : "  [not a TLSRPT record]");
                }
            }
            case TxtAnswer.NameNotFound n -> out.println("  NXDOMAIN: the name does not exist");
            case TxtAnswer.NoData n -> out.println("  no TXT records");
            case TxtAnswer.Failure f -> out.println("  DNS failed: " + f.reason());
        }
        out.println();
        switch (outcome) {
            case TlsrptLookupResult.Found found -> {
                TlsrptRecord record = found.record();
                out.println("outcome: reports go to " + record.rua().size() + " URI(s)");
                for (ReportUri uri : record.rua()) {
                    out.printf("  %-50s %s%n", uri.uri(), uri.scheme() == ReportUri.Scheme.MAILTO
                            ? "email to " + uri.target() : "HTTPS POST");
                }
                if (!record.ignored().isEmpty()) {
                    out.println("ignored:");
                    record.ignored().forEach(reason -> out.println("  " + printable(reason)));
                }
            }
            case TlsrptLookupResult.NoRecord none -> out.println("outcome: no usable record, no reports (" + printable(none.reason()) + ")");
            case TlsrptLookupResult.SeveralRecords several -> out.println("outcome: " + several.records().size()
                    + " TLSRPT records: RFC 8460 section 3 allows exactly one, so no reports");
            case TlsrptLookupResult.TemporaryFailure failure -> out.println("outcome: DNS failed for now ("
                    + printable(failure.reason()) + "); the daily run retries for up to 24 hours");
        }
    }

    private static ObjectNode toJson(String name, TxtAnswer answer, TlsrptLookupResult outcome) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("name", name);
        ArrayNode txt = node.putArray("txt");
        if (answer instanceof TxtAnswer.Records records) {
            records.records().forEach(strings -> {
                String joined = String.join("", strings);
                txt.addObject().put("text", joined).put("strings", strings.size())
                        .put("tlsrpt", TlsrptRecordParser.isTlsrptRecord(joined));
            });
        }
        switch (outcome) {
            case TlsrptLookupResult.Found found -> {
                node.put("outcome", "found");
                ArrayNode rua = node.putArray("rua");
                found.record().rua().forEach(uri -> rua.addObject().put("uri", uri.uri())
                        .put("scheme", uri.scheme().wireName()).put("target", uri.target()));
                ArrayNode ignored = node.putArray("ignored");
                found.record().ignored().forEach(ignored::add);
            }
            case TlsrptLookupResult.NoRecord none -> node.put("outcome", "no-record").put("reason", none.reason());
            case TlsrptLookupResult.SeveralRecords several -> {
                node.put("outcome", "several-records");
                ArrayNode records = node.putArray("records");
                several.records().forEach(records::add);
            }
            case TlsrptLookupResult.TemporaryFailure failure -> node.put("outcome", "temporary-failure").put("reason", failure.reason());
        }
        return node;
    }

    /** DNS data is anyone's: show control characters escaped, never raw on the terminal. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
