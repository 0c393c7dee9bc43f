package dev.tlsrpt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.send.DestinationRules;
import dev.tlsrpt.store.dynamodb.DynamoDbDestinationRules;
import dev.tlsrpt.tlsrpt.DestinationRule;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.ReportDecision;
import dev.tlsrpt.tlsrpt.TargetPlan;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tlsrpt rules list|add|remove|test}: the operator's destination rules (docs/design.md 2.12), kept in
 * the stack's rules table and read by the worker each run. The first rule (by position) that matches a
 * reporting URI decides it: discard, redirect, copy or allow.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Destination rules: discard, redirect, copy or allow reports by reporting domain, URI or regex.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Add.class, RulesCommand.Remove.class, RulesCommand.Test.class})
final class RulesCommand {

    static DestinationRules rules(AwsOptions aws) {
        return new DynamoDbDestinationRules(aws.dynamoDb(), aws.settings().rulesTable());
    }

    static List<DestinationRule> ordered(List<DestinationRule> rules) {
        return rules.stream().sorted(Comparator.comparingInt(DestinationRule::position).thenComparing(DestinationRule::id)).toList();
    }

    static String describe(DestinationRule rule) {
        return String.format("%-16s %4d  %-6s %-40s %s%s%s", rule.id(), rule.position(), rule.match().wireName(), rule.pattern(),
                rule.action().wireName(), rule.to() == null ? "" : " " + rule.to(),
                rule.reason() == null ? "" : "  (" + rule.reason() + ")");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rules in the order they are tried.")
    static final class ListRules implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Spec CommandSpec spec;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<DestinationRule> rules = ordered(rules(aws).list());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                rules.forEach(rule -> array.add(toJson(rule)));
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            } else if (rules.isEmpty()) {
                out.println("no rules: every report goes where its record says");
            } else {
                rules.forEach(rule -> out.println(describe(rule)));
            }
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a rule, or replace the rule of that id.")
    static final class Add implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The rule's name: lower-case letters, digits and '-'.")
        String id;

        @Option(names = "--domain", description = "Match reporting URIs at this domain and its subdomains.")
        String domain;

        @Option(names = "--uri", description = "Match this reporting address or URI (mailto:... or https://...).")
        String uri;

        @Option(names = "--regex", description = "Match URIs (mailto:a@b or the https URL) that this Java regex matches whole.")
        String regex;

        @Option(names = "--action", required = true, paramLabel = "ACTION",
                description = "discard, redirect (needs --to), copy (needs --to) or allow (past the caps).")
        String action;

        @Option(names = "--to", paramLabel = "URI", description = "Where redirect and copy send the report.")
        String to;

        @Option(names = "--position", defaultValue = "100", description = "Rules are tried lowest first (default ${DEFAULT-VALUE}).")
        int position;

        @Option(names = "--reason", description = "Why, shown in status and events.")
        String reason;

        @Override
        public Integer call() {
            int given = (domain == null ? 0 : 1) + (uri == null ? 0 : 1) + (regex == null ? 0 : 1);
            if (given != 1) {
                throw new ParameterException(spec.commandLine(), "give exactly one of --domain, --uri and --regex");
            }
            DestinationRule.Match match = domain != null ? DestinationRule.Match.DOMAIN
                    : uri != null ? DestinationRule.Match.URI : DestinationRule.Match.REGEX;
            DestinationRule rule;
            try {
                rule = new DestinationRule(id, position, match, domain != null ? domain : uri != null ? uri : regex,
                        DestinationRule.Action.fromWireName(action), to, reason);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            rules(aws).put(rule);
            spec.commandLine().getOut().println("rule " + describe(rule));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a rule.")
    static final class Remove implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The rule's id.")
        String id;

        @Override
        public Integer call() {
            if (!rules(aws).remove(id)) {
                spec.commandLine().getErr().println("error: no rule " + id);
                return 1;
            }
            spec.commandLine().getOut().println("removed rule " + id);
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "What the rules and the URI cap would do today with a domain's TLSRPT record, URI by URI.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the record has URIs and the plan is shown", "3:no usable record", "4:DNS failed for now",
                    "1:error", "2:bad usage"})
    static final class Test implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Mixin DnsOptions dns;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DOMAIN", description = "The policy domain whose record to test.")
        String domain;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            String aLabel = Arguments.domain(spec, domain);
            ReportDecision decision = ReportDecision.ofRecord(new TlsrptRecordLookup(dns.resolver()).lookup(aLabel));
            PrintWriter out = spec.commandLine().getOut();
            if (!(decision instanceof ReportDecision.Send send)) {
                spec.commandLine().getErr().println("no plan: " + switch (decision) {
                    case ReportDecision.Skip skip -> skip.reason();
                    case ReportDecision.RetryLater later -> later.reason();
                    case ReportDecision.Send s -> throw new IllegalStateException();
                });
                return decision instanceof ReportDecision.RetryLater ? LookupCommand.TEMPORARY_FAILURE
                        : LookupCommand.NO_USABLE_RECORD;
            }
            StackSettings stack = aws.settings();
            TargetPlan plan = TargetPlan.of(send.targets(), rules(aws).list(), stack.caps());
            if (json) {
                ObjectNode node = Json.MAPPER.createObjectNode().put("domain", aLabel);
                ArrayNode deliver = node.putArray("deliver");
                plan.deliver().forEach(t -> {
                    ObjectNode target = deliver.addObject().put("uri", t.uri().uri()).put("capExempt", t.capExempt());
                    if (t.note() != null) {
                        target.put("rule", t.note());
                    }
                });
                ArrayNode skipped = node.putArray("skipped");
                plan.skipped().forEach(s -> skipped.addObject().put("uri", s.uri().uri()).put("reason", s.reason()));
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } else {
                plan.deliver().forEach(t -> out.println("send     " + t.uri().uri() + (t.note() == null ? "" : "  [" + t.note() + "]")));
                plan.skipped().forEach(s -> out.println("not      " + s.uri().uri() + "  [" + LookupCommand.printable(s.reason()) + "]"));
                out.println("(the daily caps and the suppression list are applied when the report is sent)");
            }
            return 0;
        }
    }

    private static ObjectNode toJson(DestinationRule rule) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", rule.id()).put("position", rule.position())
                .put("match", rule.match().wireName()).put("pattern", rule.pattern()).put("action", rule.action().wireName());
        if (rule.to() != null) {
            node.put("to", rule.to());
        }
        if (rule.reason() != null) {
            node.put("reason", rule.reason());
        }
        return node;
    }
}
