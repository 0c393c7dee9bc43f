package dev.tlsrpt.rehearsal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * How a rehearsal's SDK clients reach their canned answers: in memory, or through the production HTTP client to
 * a server on the loopback address ({@link LoopbackHttpClient}). Closing it closes what it opened, the loopback
 * servers and their threads among them.
 */
final class Transport implements AutoCloseable {
    private final Function<CannedHttpClient, SdkHttpClient> toAnswers;
    private final List<SdkHttpClient> opened = new ArrayList<>();

    private Transport(Function<CannedHttpClient, SdkHttpClient> toAnswers) {
        this.toAnswers = toAnswers;
    }

    static Transport inMemory() {
        return new Transport(answers -> answers);
    }

    static Transport overLoopback() {
        return new Transport(LoopbackHttpClient::new);
    }

    /** The HTTP client for an SDK client whose calls {@code answers} answers. */
    SdkHttpClient to(CannedHttpClient answers) {
        SdkHttpClient client = toAnswers.apply(answers);
        opened.add(client);
        return client;
    }

    @Override
    public void close() {
        opened.forEach(SdkHttpClient::close);
    }
}
