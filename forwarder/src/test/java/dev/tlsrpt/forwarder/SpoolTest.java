package dev.tlsrpt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    private static final long MAX = 1 << 20;
    private static final long SEGMENT = 4096;

    @TempDir
    Path dir;

    private static void append(Spool spool, String datagram) throws IOException {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        assertThat(spool.append(bytes, 0, bytes.length, 1)).isTrue();
    }

    private static String body(SpoolBatch batch) {
        return new String(batch.body(), StandardCharsets.UTF_8);
    }

    @Test
    void appendedDatagrams_shouldComeBackInOrderAsOneBody() throws IOException {
        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            append(spool, "{\"a\":1}");
            append(spool, "{\"b\":2}");

            SpoolBatch batch = spool.nextBatch(10, 100, 1 << 20);

            assertThat(body(batch)).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
            assertThat(batch.firstSeq()).isZero();
            assertThat(batch.endSeq()).isEqualTo(2);
            assertThat(spool.nextBatch(10, 100, 1 << 20)).isNull();
        }
    }

    @Test
    void nextBatch_shouldRespectDatagramPolicyAndByteLimits() throws IOException {
        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            for (int i = 0; i < 10; i++) {
                append(spool, "{\"n\":" + i + "}");
            }

            assertThat(spool.nextBatch(3, 100, 1 << 20).datagrams()).isEqualTo(3);
            assertThat(spool.nextBatch(100, 2, 1 << 20).datagrams()).isEqualTo(2);
            assertThat(spool.nextBatch(100, 100, 16).datagrams()).isEqualTo(2); // 8 bytes per line
            assertThat(spool.nextBatch(100, 100, 1 << 20).firstSeq()).isEqualTo(7);
        }
    }

    @Test
    void batchInFlightAtStop_shouldBeTheFirstAfterReopenWithTheSameKeyAndBody() throws IOException {
        // GIVEN a batch marked in flight, never acknowledged, and more datagrams after it
        SpoolBatch sent;
        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            for (int i = 0; i < 5; i++) {
                append(spool, "{\"n\":" + i + "}");
            }
            sent = spool.nextBatch(3, 100, 1 << 20);
            spool.markInflight(sent);
            append(spool, "{\"n\":5}");
        }

        // WHEN the spool is opened again
        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            SpoolBatch again = spool.inflight();
            SpoolBatch next = spool.nextBatch(100, 100, 1 << 20);

            // THEN the same batch comes first, then the rest
            assertThat(again.idempotencyKey()).isEqualTo(sent.idempotencyKey());
            assertThat(again.body()).isEqualTo(sent.body());
            assertThat(body(next)).isEqualTo("{\"n\":3}\n{\"n\":4}\n{\"n\":5}\n");
        }
    }

    @Test
    void acknowledgedDatagrams_shouldNotComeBackAndSequenceNumbersShouldNotBeReused() throws IOException {
        SpoolBatch first;
        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            append(spool, "{\"n\":0}");
            first = spool.nextBatch(10, 100, 1 << 20);
            spool.markInflight(first);
            spool.acknowledge(first);
        }
        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            assertThat(spool.inflight()).isNull();
            assertThat(spool.unsent()).isZero();
            append(spool, "{\"n\":1}");

            SpoolBatch second = spool.nextBatch(10, 100, 1 << 20);

            assertThat(body(second)).isEqualTo("{\"n\":1}\n");
            assertThat(second.firstSeq()).isEqualTo(first.endSeq());
            assertThat(second.idempotencyKey()).isNotEqualTo(first.idempotencyKey());
        }
    }

    @Test
    void tornRecordAtTheEnd_shouldBeCutAndTheRestKept() throws IOException {
        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            append(spool, "{\"n\":0}");
            append(spool, "{\"n\":1}");
        }
        Path segment = segments().findFirst().orElseThrow();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(segment) - 3); // a crash in the middle of the second write
        }

        try (Spool spool = Spool.open(dir, MAX, SEGMENT)) {
            assertThat(spool.unsent()).isEqualTo(1);
            append(spool, "{\"n\":2}");
            assertThat(body(spool.nextBatch(10, 100, 1 << 20))).isEqualTo("{\"n\":0}\n{\"n\":2}\n");
        }
    }

    @Test
    void fullSpool_shouldRefuseTheNewestDatagram() throws IOException {
        try (Spool spool = Spool.open(dir, 3 * (Spool.HEADER_BYTES + 7), SEGMENT)) {
            append(spool, "{\"n\":0}");
            append(spool, "{\"n\":1}");
            append(spool, "{\"n\":2}");
            byte[] one = "{\"n\":3}".getBytes(StandardCharsets.UTF_8);

            assertThat(spool.append(one, 0, one.length, 1)).isFalse();
            assertThat(body(spool.nextBatch(10, 100, 1 << 20))).isEqualTo("{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n");
        }
    }

    @Test
    void acknowledgedSegments_shouldBeDeletedAndTheirSpaceReused() throws IOException {
        try (Spool spool = Spool.open(dir, 8192, 1024)) {
            String datagram = "{\"x\":\"" + "y".repeat(200) + "\"}";
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 10; i++) {
                    append(spool, datagram); // 20 x 10 x 220 bytes: far more than the bound
                }
                SpoolBatch batch;
                while ((batch = spool.nextBatch(4, 100, 1 << 20)) != null) {
                    spool.markInflight(batch);
                    spool.acknowledge(batch);
                }
            }

            assertThat(spool.bytes()).isLessThanOrEqualTo(8192);
            assertThat(segments().count()).isLessThanOrEqualTo(3);
        }
    }

    private Stream<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList().stream();
        }
    }
}
