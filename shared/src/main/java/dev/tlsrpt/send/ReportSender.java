package dev.tlsrpt.send;

import dev.tlsrpt.mail.ReportMessage;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.Ledger.Delivery;
import dev.tlsrpt.send.Ledger.DeliveryState;
import dev.tlsrpt.send.Ledger.JobEntry;
import dev.tlsrpt.send.ReportOutcome.Channel;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.suppression.SuppressionList;
import dev.tlsrpt.tlsrpt.Destination;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportDecision;
import dev.tlsrpt.tlsrpt.ReportParts;
import dev.tlsrpt.tlsrpt.ReportRules;
import dev.tlsrpt.tlsrpt.ReportUri;
import dev.tlsrpt.tlsrpt.SendCaps;
import dev.tlsrpt.tlsrpt.TargetPlan;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Delivers one report job: one destination of one UTC day (docs/design.md 2.2-2.8). Loads the results, applies
 * the trigger rule and failure gate, looks up the TLSRPT record, dedupes an MX-host report against the
 * recipient-domain reports of the day, builds the report once and delivers it to every target, recording
 * each step in the {@link Ledger} so that any number of attempts sends each target at most once.
 */
public final class ReportSender {
    private static final System.Logger LOG = System.getLogger(ReportSender.class.getName());
    /**
     * How long a claim may be in flight: the longest a worker can run (the Lambda limit). A claim older
     * than that belongs to an attempt that stopped between claiming and recording.
     */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(15);
    /**
     * How long an MX-host job waits for a recipient-domain job the ledger has never seen (it may still be
     * queued) before treating that domain's report as not sent.
     */
    static final Duration RECIPIENT_DOMAIN_GRACE = Duration.ofHours(1);
    static final String OUTCOME_UNKNOWN = "outcome unknown: an earlier attempt stopped between claiming and "
            + "recording this delivery; not sent again, so that no target gets a report twice";

    private final Ports ports;
    private final ReportRules rules;
    private final ReportBuilder reports;
    private final MessageSigning signing;
    private final SendPacer pacer;
    private final SendCaps caps;
    private final DestinationRules destinationRules;
    private final Clock clock;

    /** The collaborators, each a port with an AWS adapter in production and a fake in tests. */
    public record Ports(StoredResults results, Ledger ledger, TlsrptRecordLookup records, SuppressionList suppressions,
                        ReportMailer mailer, ReportPoster poster, OutcomePublisher outcomes) {
        public Ports {
            Objects.requireNonNull(results, "results");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(records, "records");
            Objects.requireNonNull(suppressions, "suppressions");
            Objects.requireNonNull(mailer, "mailer");
            Objects.requireNonNull(poster, "poster");
            Objects.requireNonNull(outcomes, "outcomes");
        }
    }

    public ReportSender(Ports ports, ReportBuilder reports, MessageSigning signing, SendPacer pacer, Clock clock) {
        this(ports, reports, signing, pacer, SendCaps.DEFAULTS, clock);
    }

    public ReportSender(Ports ports, ReportBuilder reports, MessageSigning signing, SendPacer pacer, SendCaps caps,
                        Clock clock) {
        this(ports, reports, signing, pacer, caps, DestinationRules.NONE, clock);
    }

    /** With the operator's destination rules and the caps (docs/design.md 2.10, 2.12). */
    public ReportSender(Ports ports, ReportBuilder reports, MessageSigning signing, SendPacer pacer, SendCaps caps,
                        DestinationRules destinationRules, Clock clock) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.caps = Objects.requireNonNull(caps, "caps");
        this.destinationRules = Objects.requireNonNull(destinationRules, "destinationRules");
        this.rules = new ReportRules(reports.settings());
        this.signing = Objects.requireNonNull(signing, "signing");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sends the outcomes publishers hold back to batch them; the worker calls it before an invocation returns. */
    public void flushOutcomes() {
        try {
            ports.outcomes().flush();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "outcome events not flushed: {0}", e.toString());
        }
    }

    /** One attempt at a job that is due at once (no spread). */
    public JobResult send(DestinationKey job) {
        return send(job, ReportSpread.none(Instant.EPOCH));
    }

    /**
     * One attempt at the job of a planning run that spread its jobs over {@code spread}; safe to call again
     * for the same job at any time.
     */
    public JobResult send(DestinationKey job, ReportSpread spread) {
        Instant now = clock.instant();
        if (!ReportRules.isReportable(job.day(), clock)) {
            // docs/design.md 2.2: the open day is never reported; its data is still coming in.
            Instant dayOver = job.day().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return JobResult.RetryLater.planned(Duration.between(now, dayOver).plusMinutes(1), "the day is not over yet");
        }
        Instant slot = spread.slot(job);
        if (now.isBefore(slot)) {
            // docs/design.md 2.11: before its slot a job touches neither the ledger nor DNS; its retry window starts later.
            return JobResult.RetryLater.planned(Duration.between(now, slot), "spread: due at " + slot);
        }
        Destination destination = job.with(ports.results().results(job));
        Optional<ReportDecision.Skip> quiet = rules.skipWithoutLookup(destination);
        if (quiet.isPresent()) {
            // docs/design.md 2.7: most jobs end here, decided by the closed day's results alone: one ledger write.
            Optional<JobEntry> earlier = ports.ledger().finishAtOnce(job, Status.SKIPPED, quiet.get().reason(), now);
            if (earlier.isPresent()) {
                return new JobResult.Done(earlier.get().outcome()); // a duplicate message or a second planner run
            }
            publishOutcome(new ReportOutcome(job.day(), job.kind(), job.domain(), Channel.NONE, null, Status.SKIPPED,
                    quiet.get().reason()));
            return new JobResult.Done(Status.SKIPPED);
        }
        return new Attempt(job, spread, now).run(destination);
    }

    private void publishOutcome(ReportOutcome outcome) {
        try {
            ports.outcomes().publish(outcome);
        } catch (RuntimeException e) {
            // Events are for operators; losing one must not undo or repeat a delivery.
            LOG.log(System.Logger.Level.WARNING, "outcome event not published for {0} {1}: {2}", outcome.kind(),
                    outcome.domain(), e.toString());
        }
    }

    /**
     * One attempt's state: what it found and did, target by target. The job is begun in the ledger before the
     * attempt's first write ({@link #entry}), or by that write when it is the admission of the job's one target
     * ({@link #admitAndClaim}); a job found done then ends the attempt (a duplicate message or a second planner run).
     */
    private final class Attempt {
        private final DestinationKey job;
        private final ReportSpread spread;
        private final Instant now;
        private final Map<Status, Integer> tally = new HashMap<>();
        private final List<String> notYet = new ArrayList<>();
        private final Map<String, Boolean> suppressed = new HashMap<>();
        /** Whether this attempt began the job; {@link #entry} holds what the ledger said, once read. */
        private boolean begun;
        private JobEntry entry;
        /** Set when the begin merged into the admission found the job done: nothing was written. */
        private JobEntry foundDone;
        private MessageSigning.State signingState;
        private boolean waitedForKey;
        /** Set when the job has one send to make: its completion finishes the job ({@link #complete}). */
        private ReportDecision.Send finishWith;
        private boolean finished;

        Attempt(DestinationKey job, ReportSpread spread, Instant now) {
            this.job = job;
            this.spread = spread;
            this.now = now;
        }

        JobResult run(Destination destination) {
            return switch (rules.decide(destination, ports.records()::lookup)) {
                case ReportDecision.Skip skip -> finishWithoutReport(Status.SKIPPED, skip.reason());
                // These two read the job's first attempt: it is begun here, and a job already done ends here.
                case ReportDecision.RetryLater later -> entry().isDone() ? alreadyDone(entry()) : retryOrGiveUp(later.reason());
                case ReportDecision.Send send when job.kind() == DestinationKind.MX_HOST ->
                        entry().isDone() ? alreadyDone(entry()) : dedupeThenDeliver(destination, send);
                case ReportDecision.Send send -> deliver(destination, send);
            };
        }

        /**
         * The job as the ledger holds it, begun now if this attempt has not written yet (read back if its merged
         * begin wrote it).
         */
        private JobEntry entry() {
            if (entry == null) {
                entry = begun ? ports.ledger().find(job).orElseThrow(() -> new IllegalStateException("begun job not found: " + job))
                        : ports.ledger().begin(job, now);
                begun = true;
            }
            return entry;
        }

        private RetryWindow window() {
            return new RetryWindow(entry().firstAttempt());
        }

        private JobResult alreadyDone(JobEntry done) {
            return new JobResult.Done(done.outcome());
        }

        /** docs/design.md 2.2: leave out recipient domains whose own report already went to the same URIs. */
        private JobResult dedupeThenDeliver(Destination mxHost, ReportDecision.Send send) {
            Map<String, List<ReportUri>> sent = new HashMap<>();
            List<String> undecided = new ArrayList<>();
            Map<String, DestinationKey> ownJobs = new LinkedHashMap<>();
            for (String recipientDomain : mxHost.recipientDomains()) {
                ownJobs.put(recipientDomain, new DestinationKey(job.day(), DestinationKind.RECIPIENT_DOMAIN, recipientDomain));
            }
            Map<DestinationKey, JobEntry> recorded = ports.ledger().findAll(ownJobs.values());
            for (Map.Entry<String, DestinationKey> each : ownJobs.entrySet()) {
                String recipientDomain = each.getKey();
                DestinationKey ownJob = each.getValue();
                Optional<JobEntry> own = Optional.ofNullable(recorded.get(ownJob));
                if (own.isPresent() && own.get().isDone()) {
                    if (own.get().outcome() == Status.SENT && !own.get().reportUris().isEmpty()) {
                        sent.put(recipientDomain, own.get().reportUris().stream().map(ReportUri::parse).toList());
                    }
                } else if (own.isPresent() || now.isBefore(expectedBy(ownJob))) {
                    undecided.add(recipientDomain);
                }
            }
            // Waiting never costs the MX-host report itself: at the end of the window it goes out without the dedupe.
            if (!undecided.isEmpty() && !window().isOver(now)) {
                String reason = "waiting for the recipient-domain reports of " + undecided;
                return JobResult.RetryLater.planned(untilDue(undecided), reason);
            }
            Optional<Destination> left = rules.dedupe(mxHost, send.record().rua(), sent);
            if (left.isEmpty()) {
                return finishWithoutReport(Status.SKIPPED, ReportDecision.DEDUPED);
            }
            return deliver(left.get(), send);
        }

        /** The backoff, or longer when a recipient-domain job waited for is not due yet (docs/design.md 2.11). */
        private Duration untilDue(List<String> undecided) {
            Duration delay = window().nextDelay(job, entry().attempts(), now);
            for (String recipientDomain : undecided) {
                Instant slot = spread.slot(new DestinationKey(job.day(), DestinationKind.RECIPIENT_DOMAIN, recipientDomain));
                Duration untilSlot = Duration.between(now, slot).plusMinutes(1);
                if (untilSlot.compareTo(delay) > 0) {
                    delay = untilSlot;
                }
            }
            return delay;
        }

        /**
         * When a recipient-domain job the ledger has not seen is given up on: the grace after its slot in the
         * window (docs/design.md 2.11), or after this MX-host job's first attempt if that is later.
         */
        private Instant expectedBy(DestinationKey recipientDomainJob) {
            Instant slot = spread.slot(recipientDomainJob);
            Instant first = entry().firstAttempt();
            Instant from = slot.isAfter(first) ? slot : first;
            return from.plus(RECIPIENT_DOMAIN_GRACE);
        }

        private JobResult deliver(Destination destination, ReportDecision.Send send) {
            // docs/design.md 2.13: a report too large for one message goes in parts, each a delivery of its own.
            List<ReportParts.Part> parts = reports.buildParts(destination);
            List<BuiltReport> built = new ArrayList<>(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                built.add(new BuiltReport(parts.get(i).report(), new ReportContent(job, i + 1),
                        parts.get(i).gzip(), destination.domain(), reports.filename(destination, i + 1)));
            }
            TargetPlan plan = TargetPlan.of(send.targets(), destinationRules.list(), caps);
            // docs/design.md 2.7: a job of one target and one part is finished in the write that completes its send.
            if (plan.deliver().size() == 1 && plan.skipped().isEmpty() && built.size() == 1) {
                finishWith = send;
            }
            // The job is begun before the first write, unless that write is its one target's admission, which begins it.
            if ((finishWith == null || !opensWithAdmission(plan.deliver().get(0))) && entry().isDone()) {
                return alreadyDone(entry());
            }
            for (TargetPlan.Target target : plan.deliver()) {
                if (target.uri().scheme() == ReportUri.Scheme.MAILTO) {
                    mail(target, built);
                } else {
                    post(target, built);
                }
            }
            for (TargetPlan.Skipped skipped : plan.skipped()) {
                recordWithoutSend(channelOf(skipped.uri()), skipped.uri().normalised(), DeliveryState.SKIPPED,
                        skipped.reason(), skipped.cap());
            }
            if (foundDone != null) {
                return alreadyDone(foundDone);
            }
            if (!notYet.isEmpty()) {
                return new JobResult.RetryLater(window().nextDelay(job, entry().attempts(), now), String.join("; ", notYet), waitedForKey);
            }
            Status outcome = outcome();
            if (!finished) {
                ports.ledger().finish(job, outcome, summary(), reportUris(outcome, send), now);
            }
            return new JobResult.Done(outcome);
        }

        /**
         * Whether the one target's first ledger write would be its admission, which can carry the job's begin: not
         * for a target the caps do not count, a suppressed address, or mail without a DKIM key.
         */
        private boolean opensWithAdmission(TargetPlan.Target target) {
            if (target.capExempt()) {
                return false;
            }
            return target.uri().scheme() != ReportUri.Scheme.MAILTO
                    || !isSuppressed(target.uri().target()) && signing() instanceof MessageSigning.Ready;
        }

        /** Asked once per recipient and attempt: {@link #opensWithAdmission} and {@link #mail} must agree. */
        private boolean isSuppressed(String recipient) {
            return suppressed.computeIfAbsent(recipient, r -> ports.suppressions().isSuppressed(r, now));
        }

        private Status outcome() {
            return count(Status.SENT) > 0 ? Status.SENT : count(Status.FAILED) > 0 ? Status.FAILED : Status.SKIPPED;
        }

        private String summary() {
            return "sent " + count(Status.SENT) + ", failed " + count(Status.FAILED) + ", skipped " + count(Status.SKIPPED);
        }

        private Set<String> reportUris(Status outcome, ReportDecision.Send send) {
            return outcome == Status.SENT && job.kind() == DestinationKind.RECIPIENT_DOMAIN
                    ? ReportUri.normalisedSet(send.record().rua()) : Set.of();
        }

        /** RFC 8460 section 5.3, docs/design.md 2.5 and 2.8: one signed message per recipient that is not suppressed. */
        private void mail(TargetPlan.Target planned, List<BuiltReport> parts) {
            ReportUri mailto = planned.uri();
            String target = mailto.normalised();
            String recipient = mailto.target(); // as published: the ledger and the suppression list compare identities
            if (isSuppressed(recipient)) {
                recordWithoutSend(Channel.EMAIL, target, DeliveryState.SKIPPED, "suppressed address");
                return;
            }
            switch (signing()) {
                case MessageSigning.Unavailable unavailable -> waitForKey(target, unavailable.reason());
                case MessageSigning.Ready ready -> {
                    for (BuiltReport part : parts) {
                        String partTarget = ReportParts.target(target, part.part());
                        Claim claim = part.part() == 1 ? admitAndClaim(Channel.EMAIL, planned, partTarget)
                                : claim(Channel.EMAIL, partTarget) ? Claim.SEND : Claim.NOT_THIS_PART;
                        if (claim == Claim.NO_PART) {
                            return;
                        }
                        if (claim == Claim.SEND) {
                            sendMail(partTarget, recipient, ready.messages(), part, planned.note());
                        }
                    }
                }
            }
        }

        private void sendMail(String target, String recipient, ReportMessageBuilder messages, BuiltReport built, String note) {
            ReportMailer.MailResult result;
            try {
                ReportMessage message = messages.build(built.report(), built.gzip(), built.policyDomain(), built.filename(),
                        List.of(recipient)).get(0);
                pacer.acquire();
                result = ports.mailer().send(message.recipient(), message.raw(), built.content());
            } catch (RuntimeException e) {
                // The mailer returns what the service said; an exception means the send was not made.
                ports.ledger().release(job, target);
                throw e;
            }
            switch (result) {
                case ReportMailer.MailResult.Sent s -> complete(Channel.EMAIL, target, DeliveryState.SENT, note, s.messageId());
                case ReportMailer.MailResult.Rejected r ->
                        complete(Channel.EMAIL, target, DeliveryState.FAILED, "rejected: " + r.reason(), null);
                case ReportMailer.MailResult.TransientFailure t -> transientFailure(Channel.EMAIL, target, t.reason());
            }
        }

        /**
         * No usable DKIM key is the operator's to fix, not the receiver's fault: the target waits, with
         * nothing recorded, however long it takes (the queue's redrive policy bounds it). A target already
         * final or in flight keeps the ledger's record.
         */
        private void waitForKey(String target, String reason) {
            if (!claim(Channel.EMAIL, target)) {
                return;
            }
            ports.ledger().release(job, target);
            waitedForKey = true;
            publish(Channel.EMAIL, target, Status.RETRYING, "no DKIM key: " + reason);
            notYet.add(target + ": no DKIM key");
        }

        /** The signing state, asked once per attempt: an adapter may read the key again each time. */
        private MessageSigning.State signing() {
            if (signingState == null) {
                signingState = signing.current();
            }
            return signingState;
        }

        /** RFC 8460 section 5.4, docs/design.md 2.6: the poster refuses non-public addresses and redirects itself. */
        private void post(TargetPlan.Target planned, List<BuiltReport> parts) {
            for (BuiltReport part : parts) {
                String partTarget = ReportParts.target(planned.uri().normalised(), part.part());
                Claim claim = part.part() == 1 ? admitAndClaim(Channel.HTTPS, planned, partTarget)
                        : claim(Channel.HTTPS, partTarget) ? Claim.SEND : Claim.NOT_THIS_PART;
                if (claim == Claim.NO_PART) {
                    return;
                }
                if (claim == Claim.SEND) {
                    post(planned, partTarget, part);
                }
            }
        }

        private void post(TargetPlan.Target planned, String target, BuiltReport built) {
            ReportUri uri = planned.uri();
            ReportPoster.PostResult result;
            try {
                result = ports.poster().post(URI.create(uri.target()), built.gzip(), built.content());
            } catch (RuntimeException e) {
                ports.ledger().release(job, target);
                throw e;
            }
            switch (result) {
                case ReportPoster.PostResult.Delivered d -> complete(Channel.HTTPS, target, DeliveryState.SENT, planned.note(), null);
                case ReportPoster.PostResult.PermanentFailure p ->
                        complete(Channel.HTTPS, target, DeliveryState.FAILED, p.reason(), null);
                case ReportPoster.PostResult.TransientFailure t -> transientFailure(Channel.HTTPS, target, t.reason());
            }
        }

        /**
         * docs/design.md 2.10: the day's caps, then the claim of the target's first part, in one ledger step (an
         * allow rule's target and an operator's copy are not counted). A target a cap stops is recorded skipped,
         * and none of its parts go.
         */
        private Claim admitAndClaim(Channel channel, TargetPlan.Target planned, String firstPart) {
            if (planned.capExempt()) {
                return claim(channel, firstPart) ? Claim.SEND : Claim.NOT_THIS_PART;
            }
            ReportUri uri = planned.uri();
            Ledger.Admission admission = begun
                    ? ports.ledger().admitAndClaim(job, uri.normalised(), firstPart, uri.reportingDomain(), caps, now)
                    : ports.ledger().beginAndAdmitAndClaim(job, uri.normalised(), firstPart, uri.reportingDomain(), caps, now);
            begun = true;
            return switch (admission) {
                case Ledger.Admission.JobDone done -> {
                    foundDone = done.entry();
                    yield Claim.NO_PART;
                }
                case Ledger.Admission.Claimed claimed -> Claim.SEND;
                case Ledger.Admission.Recorded recorded -> {
                    settle(channel, firstPart, recorded.earlier());
                    yield Claim.NOT_THIS_PART;
                }
                case Ledger.Admission.CapReached reached -> {
                    recordWithoutSend(channel, uri.normalised(), DeliveryState.SKIPPED, caps.reason(reached.cap()), reached.cap());
                    yield Claim.NO_PART;
                }
            };
        }

        /** True when this attempt may send to the target; otherwise the ledger's earlier record stands. */
        private boolean claim(Channel channel, String target) {
            Optional<Delivery> earlier = ports.ledger().claim(job, target, now);
            if (earlier.isEmpty()) {
                return true;
            }
            settle(channel, target, earlier.get());
            return false;
        }

        /** What becomes of a target the ledger already holds a delivery for: it is not sent by this attempt. */
        private void settle(Channel channel, String target, Delivery delivery) {
            if (delivery.state() != DeliveryState.SENDING) {
                tally(statusOf(delivery.state()));
                return;
            }
            if (now.isBefore(delivery.at().plus(CLAIM_LEASE))) {
                notYet.add(target + ": another attempt is delivering it"); // a concurrent duplicate message
                return;
            }
            // docs/design.md 2.7, at most once: the earlier attempt may have sent before it stopped.
            if (ports.ledger().complete(job, target, DeliveryState.FAILED, OUTCOME_UNKNOWN, null, now)) {
                publish(channel, target, Status.FAILED, OUTCOME_UNKNOWN);
            }
            tally(Status.FAILED);
        }

        private void complete(Channel channel, String target, DeliveryState state, String reason, String messageId) {
            tally(statusOf(state));
            boolean completed;
            if (finishWith != null) {
                // The job's only send: the job's outcome is known now, and goes in the same write.
                Status outcome = outcome();
                completed = ports.ledger().completeAndFinish(job, target, state, reason, messageId, outcome, summary(),
                        reportUris(outcome, finishWith), now);
                finished = true;
            } else {
                completed = ports.ledger().complete(job, target, state, reason, messageId, now);
            }
            // False only if a concurrent attempt completed the claim first (after the lease): it published then.
            if (completed) {
                publish(channel, target, statusOf(state), reason);
            }
        }

        private void recordWithoutSend(Channel channel, String target, DeliveryState state, String reason) {
            recordWithoutSend(channel, target, state, reason, null);
        }

        private void recordWithoutSend(Channel channel, String target, DeliveryState state, String reason, SendCaps.Cap cap) {
            Optional<Delivery> earlier = ports.ledger().recordIfAbsent(job, target, state, reason, now);
            if (earlier.isEmpty()) {
                publish(new ReportOutcome(job.day(), job.kind(), job.domain(), channel, target, statusOf(state), reason, cap));
                tally(statusOf(state));
            } else if (earlier.get().state() == DeliveryState.SENDING) {
                notYet.add(target + ": another attempt is delivering it");
            } else {
                tally(statusOf(earlier.get().state()));
            }
        }

        private void transientFailure(Channel channel, String target, String reason) {
            if (window().isOver(now)) {
                complete(channel, target, DeliveryState.FAILED, "gave up after " + RetryWindow.LENGTH.toHours() + " h: " + reason, null);
                return;
            }
            ports.ledger().release(job, target);
            publish(channel, target, Status.RETRYING, reason);
            notYet.add(target + ": " + reason);
        }

        private JobResult retryOrGiveUp(String reason) {
            if (window().isOver(now)) {
                return finishWithoutReport(Status.FAILED, "gave up after " + RetryWindow.LENGTH.toHours() + " h: " + reason);
            }
            publish(Channel.NONE, null, Status.RETRYING, reason);
            return new JobResult.RetryLater(window().nextDelay(job, entry().attempts(), now), reason);
        }

        /** A job this attempt has not begun is begun and finished in one write, as the quiet jobs are. */
        private JobResult finishWithoutReport(Status outcome, String reason) {
            if (begun) {
                ports.ledger().finish(job, outcome, reason, Set.of(), now);
            } else {
                Optional<JobEntry> earlier = ports.ledger().finishAtOnce(job, outcome, reason, now);
                if (earlier.isPresent()) {
                    return alreadyDone(earlier.get());
                }
            }
            publish(Channel.NONE, null, outcome, reason);
            return new JobResult.Done(outcome);
        }

        private void publish(Channel channel, String target, Status status, String reason) {
            publish(new ReportOutcome(job.day(), job.kind(), job.domain(), channel, target, status, reason));
        }

        private void publish(ReportOutcome outcome) {
            publishOutcome(outcome);
        }

        private void tally(Status status) {
            tally.merge(status, 1, Integer::sum);
        }

        private int count(Status status) {
            return tally.getOrDefault(status, 0);
        }
    }

    /** What a claim lets this attempt do with a target's part. */
    private enum Claim {
        SEND,
        /** Recorded by an earlier or concurrent attempt: this part is not sent again. */
        NOT_THIS_PART,
        /** A cap stopped the target, or its begin found the job done: none of its parts go. */
        NO_PART
    }

    /** A report (or one part of it) built once for all of a job's targets. */
    private record BuiltReport(Report report, ReportContent content, byte[] gzip, String policyDomain, String filename) {
        int part() {
            return content.part();
        }
    }

    private static Channel channelOf(ReportUri uri) {
        return uri.scheme() == ReportUri.Scheme.MAILTO ? Channel.EMAIL : Channel.HTTPS;
    }

    private static Status statusOf(DeliveryState state) {
        return switch (state) {
            case SENT -> Status.SENT;
            case FAILED -> Status.FAILED;
            case SKIPPED -> Status.SKIPPED;
            case SENDING -> Status.RETRYING;
        };
    }

    /** The targets of a job's deliveries by state, for operators and tests. */
    public static Map<DeliveryState, Set<String>> byState(List<Delivery> deliveries) {
        Map<DeliveryState, Set<String>> byState = new EnumMap<>(DeliveryState.class);
        deliveries.forEach(d -> byState.computeIfAbsent(d.state(), s -> new TreeSet<>()).add(d.target()));
        return byState;
    }
}
