package dev.tlsrpt.forwarder;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The append-only journal every accepted datagram goes through before it is sent: a directory of segment
 * files ({@code segment-<first sequence number>.log}) holding records {@code [length][policies][crc32c]
 * [datagram]}, and a {@link SpoolState} of what the API acknowledged.
 *
 * <p>A datagram is "in the spool" once {@link #append} returned: it is in the operating system's page cache
 * and survives a crash or kill of the forwarder. {@link #sync} (periodic, at every batch, and on shutdown)
 * makes it survive a power loss too. Sequence numbers are never reused, even after acknowledged segments
 * are deleted, because they make up the idempotency keys.
 *
 * <p>One thread appends (the receiver), one thread reads and acknowledges (the sender).
 */
final class Spool implements Closeable {
    static final int HEADER_BYTES = 12;
    private static final String SEGMENT_PREFIX = "segment-";
    private static final String SEGMENT_SUFFIX = ".log";
    /** A fully sent active segment this large is closed and deleted, so sent data does not fill the bound. */
    private static final long ROLL_WHEN_SENT_BYTES = 1 << 20;

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final String spoolId;

    // Guarded by this.
    private final List<Segment> segments = new ArrayList<>();
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    private final CRC32C crc = new CRC32C();
    private FileChannel appendChannel;
    private long nextSeq;
    private long totalBytes;
    private volatile SpoolState state; // written by the sender thread only
    private boolean closed;
    private long waitingFor = Long.MAX_VALUE; // unsent datagrams the sender waits for

    // The sender's read cursor: the next record it has not yet put in a batch.
    private volatile long readSeq;
    private Segment readSegment;
    private FileChannel readChannel;
    private long readPosition;

    private static final class Segment {
        final long firstSeq;
        final Path path;
        volatile long size;
        volatile long records;

        Segment(long firstSeq, Path path, long size, long records) {
            this.firstSeq = firstSeq;
            this.path = path;
            this.size = size;
            this.records = records;
        }

        long endSeq() {
            return firstSeq + records;
        }
    }

    private Spool(Path dir, long maxBytes, long segmentBytes, String spoolId) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.spoolId = spoolId;
    }

    /** Opens (or creates) the spool in {@code dir}, cutting off a record torn by a crash mid-write. */
    static Spool open(Path dir, long maxBytes, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        Spool spool = new Spool(dir, maxBytes, segmentBytes, spoolId(dir));
        spool.recover();
        return spool;
    }

    private static String spoolId(Path dir) throws IOException {
        Path file = dir.resolve("spool-id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        // Random per spool: two hosts (or a spool deleted and created anew) never share idempotency keys.
        String id = UUID.randomUUID().toString();
        Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
        return id;
    }

    private synchronized void recover() throws IOException {
        state = SpoolState.load(dir);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().startsWith(SEGMENT_PREFIX)
                    && p.getFileName().toString().endsWith(SEGMENT_SUFFIX)).sorted().toList();
        }
        nextSeq = Math.max(state.acked(), Math.max(0, state.inflightEnd()));
        for (Path file : files) {
            Segment segment = scan(file);
            segments.add(segment);
            totalBytes += segment.size;
            nextSeq = Math.max(nextSeq, segment.endSeq());
        }
        deleteAcknowledgedSegments();
        if (segments.isEmpty() || segments.get(segments.size() - 1).endSeq() != nextSeq) {
            startSegment();
        } else {
            Segment last = segments.get(segments.size() - 1);
            appendChannel = FileChannel.open(last.path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        positionReader(state.hasInflight() ? state.inflightFirst() : state.acked());
    }

    // Counts the intact records of a segment; truncates whatever follows the first damaged one.
    private Segment scan(Path file) throws IOException {
        String name = file.getFileName().toString();
        long firstSeq = Long.parseLong(name.substring(SEGMENT_PREFIX.length(), name.length() - SEGMENT_SUFFIX.length()));
        long records = 0;
        long position = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES);
            CRC32C check = new CRC32C();
            while (position + HEADER_BYTES <= size) {
                head.clear();
                readFully(channel, head, position);
                head.flip();
                int length = head.getInt();
                head.getInt();
                int expectedCrc = head.getInt();
                if (length <= 0 || position + HEADER_BYTES + length > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(channel, payload, position + HEADER_BYTES);
                check.reset();
                check.update(payload.array(), 0, length);
                if ((int) check.getValue() != expectedCrc) {
                    break;
                }
                position += HEADER_BYTES + length;
                records++;
            }
            if (position < size) {
                Log.warn("spool segment " + name + ": cut " + (size - position)
                        + " bytes after record " + (firstSeq + records) + " (torn or damaged write)");
                channel.truncate(position);
                channel.force(true);
            }
        }
        return new Segment(firstSeq, file, position, records);
    }

    private void startSegment() throws IOException {
        if (appendChannel != null) {
            appendChannel.force(false);
            appendChannel.close();
        }
        Path path = dir.resolve(String.format("%s%020d%s", SEGMENT_PREFIX, nextSeq, SEGMENT_SUFFIX));
        appendChannel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        segments.add(new Segment(nextSeq, path, appendChannel.size(), 0));
    }

    /**
     * Appends one datagram carrying {@code policies} results; {@code false} when the spool is full (the
     * datagram is then not kept: the newest data is dropped, never what is already waiting).
     */
    synchronized boolean append(byte[] buffer, int offset, int length, int policies) throws IOException {
        if (closed) {
            throw new IOException("spool closed");
        }
        long recordBytes = HEADER_BYTES + (long) length;
        if (totalBytes + recordBytes > maxBytes) {
            return false;
        }
        Segment active = segments.get(segments.size() - 1);
        if (active.size >= segmentBytes) {
            startSegment();
            active = segments.get(segments.size() - 1);
        }
        crc.reset();
        crc.update(buffer, offset, length);
        header.clear();
        header.putInt(length).putInt(policies).putInt((int) crc.getValue()).flip();
        ByteBuffer[] record = {header, ByteBuffer.wrap(buffer, offset, length)};
        while (record[1].hasRemaining()) {
            appendChannel.write(record);
        }
        active.size += recordBytes;
        active.records++;
        totalBytes += recordBytes;
        nextSeq++;
        if (nextSeq - readSeq >= waitingFor) {
            notifyAll(); // only when the sender's wait is over: waking it per datagram costs a context switch
        }
        return true;
    }

    /**
     * Waits up to {@code nanos} until at least {@code wanted} unsent datagrams wait, or until {@code giveUp}
     * (checked at every {@link #wakeUp}); answers how many wait.
     */
    synchronized long awaitUnsent(long wanted, long nanos, BooleanSupplier giveUp) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        try {
            waitingFor = wanted;
            while (!closed && nextSeq - readSeq < wanted && !giveUp.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } finally {
            waitingFor = Long.MAX_VALUE;
        }
        return nextSeq - readSeq;
    }

    synchronized long unsent() {
        return nextSeq - readSeq;
    }

    /** Wakes a sender waiting in {@link #awaitUnsent}. */
    synchronized void wakeUp() {
        notifyAll();
    }

    /** The batch that was in flight when the forwarder stopped, to be sent again first; or {@code null}. */
    synchronized SpoolBatch inflight() throws IOException {
        if (!state.hasInflight()) {
            return null;
        }
        return read(state.inflightEnd(), Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, state.inflightFirst());
    }

    /**
     * Datagrams {@code [first, end)} of the batch being sent, as a batch of their own: a part of a batch the
     * API refused, sent alone to find the datagram it refuses. Sender thread only.
     */
    synchronized SpoolBatch range(long first, long end) throws IOException {
        return read(end, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, first);
    }

    /**
     * The next unsent datagrams, within the limits (at least one datagram even if it alone exceeds the
     * byte limit), or {@code null} when none wait. The batch is then the sender's to deliver.
     */
    SpoolBatch nextBatch(int maxDatagrams, int maxPolicies, long maxBodyBytes) throws IOException {
        long limit;
        synchronized (this) {
            limit = nextSeq;
        }
        return read(limit, maxDatagrams, maxPolicies, maxBodyBytes, readSeq);
    }

    private SpoolBatch read(long limitSeq, int maxDatagrams, int maxPolicies, long maxBodyBytes, long expectedFirst)
            throws IOException {
        if (readSeq != expectedFirst) {
            positionReader(expectedFirst);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES);
        long first = readSeq;
        int datagrams = 0;
        int policies = 0;
        while (readSeq < limitSeq && datagrams < maxDatagrams) {
            if (!moveToSegmentHolding(readSeq)) {
                break;
            }
            head.clear();
            readFully(readChannel, head, readPosition);
            head.flip();
            int length = head.getInt();
            int recordPolicies = head.getInt();
            if (datagrams > 0 && (policies + recordPolicies > maxPolicies || body.size() + length + 1 > maxBodyBytes)) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(readChannel, payload, readPosition + HEADER_BYTES);
            body.write(payload.array(), 0, length);
            body.write('\n');
            readPosition += HEADER_BYTES + length;
            readSeq++;
            datagrams++;
            policies += recordPolicies;
        }
        return datagrams == 0 ? null : new SpoolBatch(spoolId, first, readSeq, body.toByteArray());
    }

    // Puts the read cursor on the segment holding seq (or the first one after a gap); false past the end.
    private boolean moveToSegmentHolding(long seq) throws IOException {
        if (readSegment != null && seq < readSegment.endSeq()) {
            return true;
        }
        Segment next = null;
        synchronized (this) {
            for (Segment segment : segments) {
                if (segment.endSeq() > seq && segment.records > 0) {
                    next = segment;
                    break;
                }
            }
        }
        if (next == null) {
            return false;
        }
        openReader(next);
        readPosition = 0;
        readSeq = next.firstSeq;
        skipTo(seq);
        return true;
    }

    private void positionReader(long seq) throws IOException {
        closeReader();
        readSeq = seq;
        moveToSegmentHolding(seq);
        if (readSegment == null) {
            readSeq = Math.max(seq, nextSeq);
        }
    }

    private void skipTo(long seq) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES);
        while (readSeq < seq) {
            head.clear();
            readFully(readChannel, head, readPosition);
            head.flip();
            readPosition += HEADER_BYTES + head.getInt();
            readSeq++;
        }
    }

    private void openReader(Segment segment) throws IOException {
        closeReader();
        readSegment = segment;
        readChannel = FileChannel.open(segment.path, StandardOpenOption.READ);
    }

    private void closeReader() throws IOException {
        if (readChannel != null) {
            readChannel.close();
        }
        readChannel = null;
        readSegment = null;
    }

    /** Records (durably, before sending) that {@code batch} is about to be sent. Sender thread only. */
    void markInflight(SpoolBatch batch) throws IOException {
        sync();
        // The state is the sender's: saved (with its fsync) outside the lock, so the receiver never waits.
        SpoolState next = state.withInflight(batch.firstSeq(), batch.endSeq());
        next.save(dir);
        state = next;
    }

    /** Records that the API took {@code batch}; frees segments that hold nothing unsent. Sender thread only. */
    void acknowledge(SpoolBatch batch) throws IOException {
        SpoolState next = state.acknowledged(batch.endSeq());
        next.save(dir);
        state = next;
        synchronized (this) {
            Segment active = segments.get(segments.size() - 1);
            if (!closed && active.size >= Math.min(segmentBytes, ROLL_WHEN_SENT_BYTES) && active.endSeq() <= next.acked()) {
                startSegment(); // so that the fully sent one can go
            }
            deleteAcknowledgedSegments();
        }
    }

    private void deleteAcknowledgedSegments() throws IOException {
        while (segments.size() > 1 && segments.get(0).endSeq() <= state.acked()) {
            Segment done = segments.remove(0);
            totalBytes -= done.size;
            Files.deleteIfExists(done.path);
        }
    }

    /** Forces appended datagrams to disk, without holding up appends meanwhile. */
    void sync() throws IOException {
        FileChannel channel;
        synchronized (this) {
            if (closed) {
                return;
            }
            channel = appendChannel;
        }
        try {
            channel.force(false);
        } catch (ClosedChannelException rolled) {
            // A segment is forced before it is closed: nothing left to do.
        }
    }

    synchronized long bytes() {
        return totalBytes;
    }

    String id() {
        return spoolId;
    }

    Path directory() {
        return dir;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        notifyAll();
        appendChannel.force(false);
        appendChannel.close();
        closeReader();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("spool record cut short at " + at);
            }
            at += read;
        }
    }
}
