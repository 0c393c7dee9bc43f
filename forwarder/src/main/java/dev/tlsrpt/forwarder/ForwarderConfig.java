package dev.tlsrpt.forwarder;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the forwarder is told, read once at start (flags, else environment, else defaults).
 *
 * @param socket            the Unix datagram socket libtlsrpt writes to
 * @param socketMode        its permissions (Postfix's smtp client must be able to write)
 * @param socketBufferBytes the socket's receive buffer: what absorbs bursts while the receiver is busy
 * @param apiUrl            base URL of the ingest API
 * @param token             the bearer token (never logged)
 * @param spoolDir          where the spool lives
 * @param spoolMaxBytes     bound of the spool on disk; past it new datagrams are dropped and counted
 * @param segmentBytes      size at which a spool segment file is closed and a new one started
 * @param batchDatagrams    most datagrams per POST
 * @param batchPolicies     most policies (results) per POST: the API's per-request limit
 * @param batchBytes        most bytes per POST body: below the API's body limit
 * @param flushInterval     longest a datagram waits for its batch to fill
 * @param httpTimeout       connect and request timeout of a POST
 * @param syncInterval      how often spooled datagrams are forced to disk
 * @param shutdownGrace     how long a stop keeps trying to deliver what waits
 * @param statsInterval     how often the counters are logged
 * @param maxDatagramBytes  longest datagram (or Exim event line) accepted (libtlsrpt's own are far shorter)
 * @param format            what the socket receives: libtlsrpt datagrams, or Exim's event lines
 */
record ForwarderConfig(
        Path socket,
        String socketMode,
        int socketBufferBytes,
        URI apiUrl,
        String token,
        Path spoolDir,
        long spoolMaxBytes,
        long segmentBytes,
        int batchDatagrams,
        int batchPolicies,
        long batchBytes,
        Duration flushInterval,
        Duration httpTimeout,
        Duration syncInterval,
        Duration shutdownGrace,
        Duration statsInterval,
        int maxDatagramBytes,
        InputFormat format) {

    /** A forwarder for libtlsrpt's datagrams. */
    ForwarderConfig(Path socket, String socketMode, int socketBufferBytes, URI apiUrl, String token, Path spoolDir,
                    long spoolMaxBytes, long segmentBytes, int batchDatagrams, int batchPolicies, long batchBytes,
                    Duration flushInterval, Duration httpTimeout, Duration syncInterval, Duration shutdownGrace,
                    Duration statsInterval, int maxDatagramBytes) {
        this(socket, socketMode, socketBufferBytes, apiUrl, token, spoolDir, spoolMaxBytes, segmentBytes, batchDatagrams,
                batchPolicies, batchBytes, flushInterval, httpTimeout, syncInterval, shutdownGrace, statsInterval,
                maxDatagramBytes, InputFormat.LIBTLSRPT);
    }

    @Override
    public String toString() {
        // The token stays out of every log line.
        return "format=" + format.name().toLowerCase(java.util.Locale.ROOT) + " socket=" + socket + " api=" + apiUrl + " spool=" + spoolDir + " spool_max_bytes=" + spoolMaxBytes
                + " batch=" + batchDatagrams + "/" + flushInterval.toMillis() + "ms";
    }
}
