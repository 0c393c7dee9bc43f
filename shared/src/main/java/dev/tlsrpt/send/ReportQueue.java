package dev.tlsrpt.send;

import dev.tlsrpt.tlsrpt.DestinationKey;
import java.time.Duration;
import java.util.List;

/** Where the planner puts the day's report jobs for the workers (SQS in production). */
public interface ReportQueue {

    /**
     * Enqueues the jobs, each delivered to a worker no earlier than {@code delay} from now (at most 15 minutes),
     * each carrying the run's {@code spread} (the worker holds a job back until its slot in it).
     */
    void enqueue(List<DestinationKey> jobs, Duration delay, ReportSpread spread);
}
