package dev.tlsrpt.function.priming;

import dev.tlsrpt.function.logging.LogLine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * What a function runs before SnapStart takes its snapshot (docs/design.md 8): its request path once, with no
 * side effect, so that the classes it needs are loaded and initialised and each SDK client has made its first
 * call (signer, endpoint rules, connection) in the snapshot, not in the first invocation after a restore.
 * Lambda calls the org.crac {@code beforeCheckpoint} hooks of a published version before the snapshot; a start
 * without SnapStart runs none of them. A prime never writes or sends anything, and a prime that fails only
 * leaves its work to the first invocation.
 */
public final class Priming {
    /** Held here: a CRaC context keeps only weak references to its resources. */
    private static final List<Resource> HOOKS = new CopyOnWriteArrayList<>();

    private Priming() {
    }

    /** Runs {@code prime} before the snapshot, and with the first one the log layout's (every function logs). */
    public static void beforeSnapshot(Runnable prime) {
        if (HOOKS.isEmpty()) {
            register(LogLine::primeLayout);
        }
        register(prime);
    }

    private static void register(Runnable prime) {
        Resource hook = new Resource() {
            @Override
            public void beforeCheckpoint(Context<? extends Resource> context) {
                run(prime);
            }

            @Override
            public void afterRestore(Context<? extends Resource> context) {
                // Nothing to refresh: clients reconnect and credentials are read again by the SDK itself.
            }
        };
        HOOKS.add(hook);
        Core.getGlobalContext().register(hook);
    }

    /**
     * Runs every registered prime, as Lambda does before a snapshot: what the cold-start benchmark and the tests
     * call, on a JVM without CRaC.
     */
    public static void beforeSnapshot() {
        for (Resource hook : HOOKS) {
            try {
                hook.beforeCheckpoint(null);
            } catch (Exception e) {
                // run() lets nothing out; a hook that cannot prime is not a failure.
            }
        }
    }

    private static void run(Runnable prime) {
        try {
            prime.run();
        } catch (RuntimeException e) {
            // Only priming: the first invocation does what this could not.
        }
    }
}
