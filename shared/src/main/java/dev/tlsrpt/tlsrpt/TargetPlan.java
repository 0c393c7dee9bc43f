package dev.tlsrpt.tlsrpt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one report goes, target by target (docs/design.md 2.10, 2.12): the operator's destination rules
 * first (first match wins), then the cap on URIs per record. The worker delivers it, the preview and
 * {@code tlsrpt rules test} show it. The daily caps and suppression are the worker's, at delivery.
 *
 * @param deliver the targets that get the report, in order
 * @param skipped the record's URIs that do not, each with its reason
 */
public record TargetPlan(List<Target> deliver, List<Skipped> skipped) {

    /**
     * @param capExempt an allow rule's target, or an operator's copy: the daily caps do not count it
     * @param note      the rule that made it a target, for status (null when none did)
     */
    public record Target(ReportUri uri, boolean capExempt, String note) {
        public Target {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** @param cap the cap that left it out, or null when a rule did */
    public record Skipped(ReportUri uri, String reason, SendCaps.Cap cap) {
        public Skipped {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public TargetPlan {
        deliver = List.copyOf(deliver);
        skipped = List.copyOf(skipped);
    }

    /**
     * The plan for a record's distinct URIs ({@link ReportDecision.Send#targets()}, in the record's order).
     * URIs an allow rule matches, and operators' copies, do not count toward the URI cap; the others count
     * in order, a redirect as the URI it goes to.
     */
    public static TargetPlan of(List<ReportUri> uris, List<DestinationRule> rules, SendCaps caps) {
        List<DestinationRule> ordered = rules.stream()
                .sorted(Comparator.comparingInt(DestinationRule::position).thenComparing(DestinationRule::id)).toList();
        Map<String, Target> deliver = new LinkedHashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        int counted = 0;
        for (ReportUri uri : uris) {
            Optional<DestinationRule> rule = ordered.stream().filter(r -> r.matches(uri)).findFirst();
            DestinationRule.Action action = rule.map(DestinationRule::action).orElse(null);
            if (action == DestinationRule.Action.DISCARD) {
                skipped.add(new Skipped(uri, rule.get().describe("discarded"), null));
                continue;
            }
            if (action == DestinationRule.Action.ALLOW) {
                deliver.putIfAbsent(uri.normalised(), new Target(uri, true, rule.get().describe("allowed past the caps")));
                continue;
            }
            ReportUri to = action == DestinationRule.Action.REDIRECT ? rule.get().target() : uri;
            if (counted == caps.urisPerRecord()) {
                skipped.add(new Skipped(uri, caps.reason(SendCaps.Cap.URIS_PER_RECORD), SendCaps.Cap.URIS_PER_RECORD));
                continue;
            }
            counted++;
            if (action == DestinationRule.Action.REDIRECT) {
                skipped.add(new Skipped(uri, rule.get().describe("redirected to " + to.uri()), null));
                deliver.putIfAbsent(to.normalised(), new Target(to, false, rule.get().describe("redirected from " + uri.uri())));
            } else {
                deliver.putIfAbsent(uri.normalised(), new Target(uri, false, null));
            }
            if (action == DestinationRule.Action.COPY) {
                ReportUri copy = rule.get().target();
                deliver.putIfAbsent(copy.normalised(), new Target(copy, true, rule.get().describe("copy of the report to " + uri.uri())));
            }
        }
        return new TargetPlan(List.copyOf(deliver.values()), skipped);
    }

    /** The plan without rules: the URI cap alone. */
    public static TargetPlan of(List<ReportUri> uris, SendCaps caps) {
        return of(uris, List.of(), caps);
    }
}
