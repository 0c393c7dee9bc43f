package dev.tlsrpt.forwarder;

import dev.tlsrpt.ingest.IngestLimits;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tlsrpt forward}: the forwarder's command line. Every flag can also come from the environment. */
@Command(name = "tlsrpt-forward", mixinStandardHelpOptions = true, version = "tlsrpt-forward 0.1",
        description = "Forwards libtlsrpt datagrams (Postfix 3.10+ TLSRPT) from a Unix datagram socket, or Exim's or"
                + " Momentum's TLS events from a Unix stream socket (--format exim|momentum), to the tlsrpt ingest API, spooling them on"
                + " disk while the API is unreachable.")
public final class ForwardCommand implements Callable<Integer> {
    @Option(names = "--format", defaultValue = "${env:TLSRPT_FORWARD_FORMAT:-libtlsrpt}",
            converter = FormatConverter.class,
            description = "What the socket receives: libtlsrpt (Postfix's datagrams), exim (the event lines of"
                    + " forwarder/exim/tlsrpt-exim.conf) or momentum (the smtp_tls_reporting hook's JSON, one event a"
                    + " line) (env TLSRPT_FORWARD_FORMAT; default ${DEFAULT-VALUE}).")
    InputFormat format;

    @Option(names = "--socket", defaultValue = "${env:TLSRPT_FORWARD_SOCKET:-/var/spool/postfix/run/tlsrpt/tlsrpt.sock}",
            description = "Unix datagram socket to listen on (env TLSRPT_FORWARD_SOCKET; default ${DEFAULT-VALUE}).")
    Path socket;

    @Option(names = "--socket-mode", defaultValue = "${env:TLSRPT_FORWARD_SOCKET_MODE:-rw-rw----}",
            description = "Permissions of the socket (env TLSRPT_FORWARD_SOCKET_MODE; default ${DEFAULT-VALUE}).")
    String socketMode;

    @Option(names = "--socket-buffer", defaultValue = "${env:TLSRPT_FORWARD_SOCKET_BUFFER:-4M}", converter = ByteSize.class,
            description = "Receive buffer of the socket, capped by net.core.rmem_max (env TLSRPT_FORWARD_SOCKET_BUFFER; default ${DEFAULT-VALUE}).")
    long socketBuffer;

    @Option(names = "--api-url", defaultValue = "${env:TLSRPT_API_URL}", required = true,
            description = "Base URL of the ingest API, e.g. https://abc.execute-api.eu-west-1.amazonaws.com (env TLSRPT_API_URL).")
    URI apiUrl;

    @Option(names = "--token-file", defaultValue = "${env:TLSRPT_TOKEN_FILE}",
            description = "File holding the API token (env TLSRPT_TOKEN_FILE); else the token is read from env TLSRPT_TOKEN.")
    Path tokenFile;

    @Option(names = "--spool-dir", defaultValue = "${env:TLSRPT_FORWARD_SPOOL_DIR:-/var/lib/tlsrpt-forward}",
            description = "Spool directory (env TLSRPT_FORWARD_SPOOL_DIR; default ${DEFAULT-VALUE}).")
    Path spoolDir;

    @Option(names = "--spool-max", defaultValue = "${env:TLSRPT_FORWARD_SPOOL_MAX:-1G}", converter = ByteSize.class,
            description = "Most disk the spool uses; when full, new datagrams are dropped and counted (env TLSRPT_FORWARD_SPOOL_MAX; default ${DEFAULT-VALUE}).")
    long spoolMax;

    @Option(names = "--batch-datagrams", defaultValue = "${env:TLSRPT_FORWARD_BATCH_DATAGRAMS:-1000}",
            description = "Most datagrams per request (env TLSRPT_FORWARD_BATCH_DATAGRAMS; default ${DEFAULT-VALUE}).")
    int batchDatagrams;

    @Option(names = "--flush-interval", defaultValue = "${env:TLSRPT_FORWARD_FLUSH_INTERVAL:-5s}", converter = Millis.class,
            description = "Longest a datagram waits for its batch to fill (env TLSRPT_FORWARD_FLUSH_INTERVAL; default ${DEFAULT-VALUE}).")
    Duration flushInterval;

    @Option(names = "--http-timeout", defaultValue = "${env:TLSRPT_FORWARD_HTTP_TIMEOUT:-15s}", converter = Millis.class,
            description = "Timeout of one request (env TLSRPT_FORWARD_HTTP_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration httpTimeout;

    @Option(names = "--sync-interval", defaultValue = "${env:TLSRPT_FORWARD_SYNC_INTERVAL:-1s}", converter = Millis.class,
            description = "How often the spool is forced to disk (env TLSRPT_FORWARD_SYNC_INTERVAL; default ${DEFAULT-VALUE}).")
    Duration syncInterval;

    @Option(names = "--shutdown-grace", defaultValue = "${env:TLSRPT_FORWARD_SHUTDOWN_GRACE:-5s}", converter = Millis.class,
            description = "How long a stop keeps delivering what waits (env TLSRPT_FORWARD_SHUTDOWN_GRACE; default ${DEFAULT-VALUE}).")
    Duration shutdownGrace;

    @Option(names = "--stats-interval", defaultValue = "${env:TLSRPT_FORWARD_STATS_INTERVAL:-60s}", converter = Millis.class,
            description = "How often counters are logged (env TLSRPT_FORWARD_STATS_INTERVAL; default ${DEFAULT-VALUE}).")
    Duration statsInterval;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ForwardCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ForwarderConfig config = config(readToken());
        Forwarder forwarder = Forwarder.start(config);
        Thread hook = new Thread(() -> {
            try {
                forwarder.stop();
            } catch (Exception e) {
                Log.error("stop failed: " + e.getMessage());
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        forwarder.awaitTermination();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            hook.join(); // SIGTERM: the hook is stopping the forwarder
            return 0;
        }
        // The receiver or sender ended on its own: a fatal error, already logged. systemd restarts us.
        forwarder.stop();
        return 1;
    }

    ForwarderConfig config(String token) {
        if (batchDatagrams < 1 || batchDatagrams > IngestLimits.MAX_RESULTS) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--batch-datagrams must be 1.." + IngestLimits.MAX_RESULTS);
        }
        return new ForwarderConfig(socket, socketMode, (int) Math.min(socketBuffer, Integer.MAX_VALUE), apiUrl, token,
                spoolDir, spoolMax, Math.max(64 * 1024, Math.min(64L << 20, spoolMax / 8)), batchDatagrams,
                IngestLimits.MAX_RESULTS, IngestLimits.MAX_BODY_BYTES - 4096L, flushInterval, httpTimeout,
                syncInterval, shutdownGrace, statsInterval, 65_535, format);
    }

    private String readToken() throws Exception {
        String token = tokenFile != null ? Files.readString(tokenFile, StandardCharsets.UTF_8).trim()
                : System.getenv("TLSRPT_TOKEN");
        if (token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "no API token: set TLSRPT_TOKEN or --token-file");
        }
        return token.trim();
    }

    /** "4M", "1G", "65536": bytes. */
    static final class ByteSize implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim().toUpperCase(Locale.ROOT);
            long unit = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                case 'G' -> 1L << 30;
                default -> 1;
            };
            return Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)) * unit;
        }
    }

    /** "250ms", "5s", "2m": a duration. */
    static final class Millis implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(v));
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<InputFormat> {
        @Override
        public InputFormat convert(String value) {
            for (InputFormat format : InputFormat.values()) {
                if (format.name().equalsIgnoreCase(value)) {
                    return format;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not libtlsrpt, exim or momentum");
        }
    }
}
