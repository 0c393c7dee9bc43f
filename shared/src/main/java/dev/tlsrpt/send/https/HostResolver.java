package dev.tlsrpt.send.https;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Resolves a host name to its addresses; the system resolver in production, a table in tests. */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;

    /**
     * {@code resolver} with every lookup cut off after {@code timeout}: the system resolver cannot be
     * interrupted, and its own timeouts and retries (resolv.conf) can add up to far longer than a POST may take.
     * A lookup given up on finishes in the background, on a virtual thread.
     */
    static HostResolver bounded(HostResolver resolver, Duration timeout) {
        return host -> {
            CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
            Thread.ofVirtual().name("host-lookup").start(() -> {
                try {
                    lookup.complete(resolver.resolve(host));
                } catch (Throwable e) {
                    lookup.completeExceptionally(e);
                }
            });
            try {
                return lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new UnknownHostException(host + ": no answer within " + timeout.toMillis() + " ms");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownHostException unknown) {
                    throw unknown;
                }
                if (e.getCause() instanceof RuntimeException bug) {
                    throw bug;
                }
                throw new UnknownHostException(host + ": " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnknownHostException(host + ": interrupted");
            }
        };
    }
}
