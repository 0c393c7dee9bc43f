package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.tlsrpt.DestinationRule.Action;
import dev.tlsrpt.tlsrpt.DestinationRule.Match;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetPlanTest {
    private static final List<ReportUri> RECORD = ReportDecision.targets(TlsrptRecordParser.parse(
            "v=TLSRPTv1; rua=mailto:a@example.com,mailto:A@example.com,https://r.example/1,mailto:b@agg.example,"
                    + "https://r.example/2").rua());

    private static List<String> delivered(TargetPlan plan) {
        return plan.deliver().stream().map(t -> t.uri().uri()).toList();
    }

    private static List<String> skipped(TargetPlan plan) {
        return plan.skipped().stream().map(s -> s.uri().uri() + ": " + s.reason()).toList();
    }

    @Test
    void withoutRules_theFirstDistinctUrisUpToTheCapGetTheReport_andTheRestAreSkippedWithTheCap() {
        SendCaps caps = new SendCaps(2, 100, 100);

        TargetPlan plan = TargetPlan.of(RECORD, caps);

        // a@ and A@ are one target: the cap counts distinct reporting addresses, not rua entries
        assertThat(delivered(plan)).containsExactly("mailto:a@example.com", "https://r.example/1");
        assertThat(plan.skipped()).extracting(s -> s.uri().uri(), TargetPlan.Skipped::cap).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mailto:b@agg.example", SendCaps.Cap.URIS_PER_RECORD),
                org.assertj.core.groups.Tuple.tuple("https://r.example/2", SendCaps.Cap.URIS_PER_RECORD));
    }

    @Test
    void theFirstMatchingRuleByPositionDecides() {
        List<DestinationRule> rules = List.of(
                new DestinationRule("later", 20, Match.DOMAIN, "example.com", Action.ALLOW, null, null),
                new DestinationRule("first", 10, Match.URI, "mailto:a@example.com", Action.DISCARD, null, "bounces"));

        TargetPlan plan = TargetPlan.of(RECORD, rules, SendCaps.DEFAULTS);

        assertThat(skipped(plan)).containsExactly("mailto:a@example.com: rule first: discarded (bounces)");
        assertThat(delivered(plan)).containsExactly("https://r.example/1", "mailto:b@agg.example", "https://r.example/2");
    }

    @Test
    void redirect_sendsToTheRulesUriInstead_andCopy_sendsAnOwnCopyBeside() {
        List<DestinationRule> rules = List.of(
                new DestinationRule("to-ops", 1, Match.DOMAIN, "agg.example", Action.REDIRECT, "mailto:ops@sender.example", null),
                new DestinationRule("copy", 2, Match.URI, "https://r.example/1", Action.COPY, "mailto:audit@sender.example", null));

        TargetPlan plan = TargetPlan.of(RECORD, rules, SendCaps.DEFAULTS);

        assertThat(plan.deliver()).extracting(t -> t.uri().uri(), TargetPlan.Target::capExempt, TargetPlan.Target::note)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mailto:a@example.com", false, null),
                        org.assertj.core.groups.Tuple.tuple("https://r.example/1", false, null),
                        org.assertj.core.groups.Tuple.tuple("mailto:audit@sender.example", true,
                                "rule copy: copy of the report to https://r.example/1"),
                        org.assertj.core.groups.Tuple.tuple("mailto:ops@sender.example", false,
                                "rule to-ops: redirected from mailto:b@agg.example"),
                        org.assertj.core.groups.Tuple.tuple("https://r.example/2", false, null));
        assertThat(skipped(plan)).containsExactly("mailto:b@agg.example: rule to-ops: redirected to mailto:ops@sender.example");
    }

    @Test
    void allow_takesAUriPastTheUriCap_withoutCountingTowardIt() {
        List<DestinationRule> rules = List.of(
                new DestinationRule("trusted", 1, Match.DOMAIN, "agg.example", Action.ALLOW, null, "our aggregator"));

        TargetPlan plan = TargetPlan.of(RECORD, rules, new SendCaps(1, 100, 100));

        assertThat(plan.deliver()).extracting(t -> t.uri().uri(), TargetPlan.Target::capExempt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mailto:a@example.com", false),
                org.assertj.core.groups.Tuple.tuple("mailto:b@agg.example", true));
        assertThat(plan.skipped()).extracting(s -> s.uri().uri()).containsExactly("https://r.example/1", "https://r.example/2");
    }
}
