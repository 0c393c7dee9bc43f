package dev.tlsrpt.send;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A day's jobs cut into the chunks one call takes (an SQS batch, a ledger transaction) and written on a few
 * threads at once: the planner's queue and its quiet destinations.
 */
public final class Chunks {
    private Chunks() {
    }

    /** {@code items} in order, in views of at most {@code size}. */
    public static <T> List<List<T>> of(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>(items.size() / size + 1);
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }

    /**
     * {@code work} on every chunk, on {@code threads} threads; the results in the chunks' order. The first
     * failure stops the chunks not yet written and is thrown as {@code failure} makes it of its cause (or of
     * the interruption, with the thread's interrupt flag set again).
     */
    public static <T, R> List<R> inParallel(List<List<T>> chunks, int threads, Function<List<T>, R> work,
                                            Function<Throwable, RuntimeException> failure) {
        try (ExecutorService writers = Executors.newFixedThreadPool(threads)) {
            List<Future<R>> written = chunks.stream().map(chunk -> writers.submit(() -> work.apply(chunk))).toList();
            List<R> results = new ArrayList<>(written.size());
            for (Future<R> chunk : written) {
                results.add(await(chunk, writers, failure));
            }
            return results;
        }
    }

    private static <R> R await(Future<R> chunk, ExecutorService writers, Function<Throwable, RuntimeException> failure) {
        try {
            return chunk.get();
        } catch (ExecutionException e) {
            writers.shutdownNow();
            throw failure.apply(e.getCause());
        } catch (InterruptedException e) {
            writers.shutdownNow();
            Thread.currentThread().interrupt();
            throw failure.apply(e);
        }
    }
}
