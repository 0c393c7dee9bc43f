package dev.tlsrpt.function.priming;

import dev.tlsrpt.function.logging.LogLine;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a function runs before SnapStart takes its snapshot (docs/design.md 8): its request path once, with no
 * side effect, so that the classes it needs are loaded and initialised and each SDK client has made its first
 * call (signer, endpoint rules, connection) in the snapshot, not in the first invocation after a restore.
 * Lambda calls the org.crac {@code beforeCheckpoint} hooks of a published version before the snapshot; a start
 * without SnapStart runs none of them. A prime never writes or sends anything; a prime that fails only leaves
 * its work to the first invocation, and says so in the function's log (a WARN line naming the failure), so
 * that a cold start slower than the benchmark's has a cause to find.
 */
public final class Priming {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    /** The registered primes, run in order by the one hook. */
    private static final List<Runnable> PRIMES = new CopyOnWriteArrayList<>();

    /** Held here: a CRaC context keeps only weak references to its resources. */
    private static final Resource HOOK = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            beforeSnapshot();
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            // Nothing to refresh: clients reconnect and credentials are read again by the SDK itself.
        }
    };

    private Priming() {
    }

    /** Runs {@code prime} before the snapshot, after the log layout's and those registered before it. */
    public static synchronized void beforeSnapshot(Runnable prime) {
        if (PRIMES.isEmpty()) {
            PRIMES.add(LogLine::primeLayout);
            Core.getGlobalContext().register(HOOK);
        }
        PRIMES.add(prime);
    }

    /**
     * Runs every registered prime, as Lambda does before a snapshot (and the cold-start benchmark and the tests
     * on a JVM without CRaC), then logs one line: how many ran, how many failed, how long it took.
     */
    public static void beforeSnapshot() {
        long started = System.nanoTime();
        int failed = 0;
        for (Runnable prime : PRIMES) {
            try {
                prime.run();
            } catch (RuntimeException | LinkageError e) {
                // A class a prime reaches that the jar leaves out (LinkageError) must not cost the snapshot either.
                failed++;
                LogLine.write(LOG, Level.WARNING, "a prime failed before the snapshot; the first invocation does its work",
                        LogLine.fields("failure", e.toString()));
            }
        }
        LogLine.write(LOG, Level.INFO, "primed before the snapshot", LogLine.fields("primes", PRIMES.size(),
                "failed", failed, "duration_ms", (System.nanoTime() - started) / 1_000_000));
    }
}
