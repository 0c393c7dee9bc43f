package dev.tlsrpt.tlsrpt;

/** Session counts add up and saturate: they never overflow into negative numbers (docs/design.md 2.1). */
final class Counts {
    private Counts() {
    }

    static long add(long a, long b) {
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("session counts must not be negative");
        }
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
