package dev.tlsrpt.send;

import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the reporting run did, per report job and per delivery target (docs/design.md 2.7): the memory that makes
 * a duplicate queue message, a second planner run or a worker crash deliver each report to each target
 * at most once, while every report that can be sent is sent.
 *
 * <p>A job is one {@link DestinationKey}; a target is a {@code mailto:} recipient or an {@code https} URI,
 * in {@link dev.tlsrpt.tlsrpt.ReportUri#normalised()} form (a recipient by its
 * {@link dev.tlsrpt.tlsrpt.ReportingAddress#identity()}, as the suppression list keys it). A delivery is claimed ({@link DeliveryState#SENDING})
 * before the send and completed after it. A claim found from an earlier attempt means that attempt
 * stopped between the two: whether the report went out is unknown, so it is not sent again.
 */
public interface Ledger {

    /** Starts an attempt: creates the job (pending, first attempt now) if absent and counts the attempt. */
    JobEntry begin(DestinationKey job, Instant now);

    /** The job as recorded, if any attempt started it. */
    Optional<JobEntry> find(DestinationKey job);

    /**
     * The jobs as recorded, as {@link #find} reads each: the jobs no attempt started are absent from the map. An
     * adapter reads them in as few round trips as its store allows (an MX host's dedupe reads every recipient
     * domain it served, docs/design.md 2.2).
     */
    default Map<DestinationKey, JobEntry> findAll(Collection<DestinationKey> jobs) {
        Map<DestinationKey, JobEntry> found = new HashMap<>();
        for (DestinationKey job : jobs) {
            find(job).ifPresent(entry -> found.put(job, entry));
        }
        return found;
    }

    /**
     * Records the job's final outcome, once: a job already done keeps its first outcome.
     *
     * @param reportUris for a recipient-domain report that went out, the normalised URIs of the record it
     *                   went to (what MX-host jobs of the same day dedupe against); otherwise empty
     */
    void finish(DestinationKey job, ReportOutcome.Status outcome, String reason, Set<String> reportUris, Instant now);

    /**
     * Records in one write a job that its results alone decide, before any attempt at a target (docs/design.md
     * 2.7): created done, or finished if an earlier attempt left it pending. Empty when this call recorded it,
     * else the job as it was already done (its first outcome stands).
     */
    Optional<JobEntry> finishAtOnce(DestinationKey job, ReportOutcome.Status outcome, String reason, Instant now);

    /**
     * {@link #finishAtOnce} for each of {@code jobs}, in as few round trips as the store allows (the planner's jobs
     * that need no report, docs/design.md 2.7).
     *
     * @return the jobs this call recorded; the others were already done, and their first outcome stands
     */
    default List<DestinationKey> finishAllAtOnce(List<DestinationKey> jobs, ReportOutcome.Status outcome, String reason,
                                                 Instant now) {
        return jobs.stream().filter(job -> finishAtOnce(job, outcome, reason, now).isEmpty()).toList();
    }

    /** Claims {@code target} for sending; empty when claimed, else the delivery already recorded for it. */
    Optional<Delivery> claim(DestinationKey job, String target, Instant now);

    /** Records a final delivery without a send (skipped, or failed before sending); empty when recorded, else the one already there. */
    Optional<Delivery> recordIfAbsent(DestinationKey job, String target, DeliveryState state, String reason, Instant now);

    /** Completes a claim as sent or failed; false when the target is no longer claimed (someone else completed it). */
    boolean complete(DestinationKey job, String target, DeliveryState state, String reason, String messageId, Instant now);

    /**
     * {@link #complete} then {@link #finish} of the job, for a job whose only delivery this is: the same writes,
     * in one round trip where the store allows (docs/design.md 2.7).
     *
     * @return what {@link #complete} returns
     */
    default boolean completeAndFinish(DestinationKey job, String target, DeliveryState state, String reason, String messageId,
                                      ReportOutcome.Status outcome, String summary, Set<String> reportUris, Instant now) {
        boolean completed = complete(job, target, state, reason, messageId, now);
        finish(job, outcome, summary, reportUris, now);
        return completed;
    }

    /** Gives a claim up after a transient failure, so that the next attempt sends. */
    void release(DestinationKey job, String target);

    /**
     * Counts the job's report to {@code target} toward the report day's caps per reporting address and per
     * reporting domain (docs/design.md 2.10), once per job and target however often it is asked, so that a
     * retry after a transient failure is not counted again.
     *
     * @return empty when the report may go, else the cap already reached (nothing is counted then)
     */
    Optional<SendCaps.Cap> admit(DestinationKey job, String target, String reportingDomain, SendCaps caps, Instant now);

    /**
     * {@link #admit} for {@code target}, then, if the caps let it go, {@link #claim} of {@code claimTarget} (the
     * target's first part): the same outcome and the same writes as those two calls in turn, in one round trip
     * where the store allows (docs/design.md 2.10).
     */
    default Admission admitAndClaim(DestinationKey job, String target, String claimTarget, String reportingDomain,
                                    SendCaps caps, Instant now) {
        Optional<SendCaps.Cap> reached = admit(job, target, reportingDomain, caps, now);
        if (reached.isPresent()) {
            return new Admission.CapReached(reached.get());
        }
        return claim(job, claimTarget, now).<Admission>map(Admission.Recorded::new).orElse(new Admission.Claimed());
    }

    /**
     * {@link #begin}, then, unless the job is done, {@link #admitAndClaim}: the same outcome and the same writes
     * as those calls in turn, in one round trip where the store allows. A job of one target and one part makes
     * its first ledger write here (docs/design.md 2.7).
     *
     * @return what {@link #admitAndClaim} returns, or {@link Admission.JobDone} when the job was already done
     */
    default Admission beginAndAdmitAndClaim(DestinationKey job, String target, String claimTarget, String reportingDomain,
                                            SendCaps caps, Instant now) {
        JobEntry entry = begin(job, now);
        if (entry.isDone()) {
            return new Admission.JobDone(entry);
        }
        return admitAndClaim(job, target, claimTarget, reportingDomain, caps, now);
    }

    /** What {@link #admitAndClaim} or {@link #beginAndAdmitAndClaim} found. */
    sealed interface Admission {
        /** Counted toward the caps (now or by an earlier attempt) and claimed: this attempt sends. */
        record Claimed() implements Admission {
        }

        /** Counted, but the target already has this delivery from an earlier or concurrent attempt. */
        record Recorded(Delivery earlier) implements Admission {
            public Recorded {
                Objects.requireNonNull(earlier, "earlier");
            }
        }

        /** A cap of the day is reached: nothing was counted or claimed. */
        record CapReached(SendCaps.Cap cap) implements Admission {
            public CapReached {
                Objects.requireNonNull(cap, "cap");
            }
        }

        /** Only from {@link #beginAndAdmitAndClaim}: the job was done before; nothing was counted or claimed. */
        record JobDone(JobEntry entry) implements Admission {
            public JobDone {
                Objects.requireNonNull(entry, "entry");
            }
        }
    }

    /** Every delivery recorded for the job, ordered by target. */
    List<Delivery> deliveries(DestinationKey job);

    enum JobState { PENDING, DONE }

    enum DeliveryState { SENDING, SENT, FAILED, SKIPPED }

    /**
     * @param outcome     null while pending
     * @param reportUris  see {@link #finish}
     */
    record JobEntry(DestinationKey job, JobState state, Instant firstAttempt, int attempts,
                    ReportOutcome.Status outcome, String reason, Set<String> reportUris) {
        public JobEntry {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(firstAttempt, "firstAttempt");
            reportUris = reportUris == null ? Set.of() : Set.copyOf(reportUris);
        }

        public boolean isDone() {
            return state == JobState.DONE;
        }
    }

    /**
     * @param at         when the state was recorded (for {@code SENDING}: when it was claimed)
     * @param messageId  the mail service's message id of a sent email, else null
     */
    record Delivery(String target, DeliveryState state, String reason, Instant at, String messageId) {
        public Delivery {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(at, "at");
        }
    }
}
