package dev.tlsrpt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.cli.LocalApi;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Exim's path end to end, for real: Exim 4.96 (Debian's exim4-daemon-heavy, which scripts/test installs)
 * with forwarder/exim/tlsrpt-exim.conf delivers to four SMTP servers on loopback addresses — one without
 * STARTTLS, one whose certificate names another host, one whose certificate has expired, one that is
 * fine — its events go through tlsrpt-forward (--format exim) and the real ingest API into DynamoDB in the
 * emulator, and the counters read back are what was delivered.
 */
@Timeout(180)
class EximForwardingIT {
    private static final Path EXIM = Path.of("/usr/sbin/exim4");
    private static final Path SNIPPET = Path.of(System.getProperty("tlsrpt.events", "../events"))
            .toAbsolutePath().getParent().resolve("forwarder/exim/tlsrpt-exim.conf");

    private Path dir;
    private DynamoDbResultStore results;
    private LocalApi api;
    private ApiToken token;
    private Forwarder forwarder;
    private final List<TestSmtpServer> servers = new ArrayList<>();
    private PrintStream stdout;

    @BeforeEach
    void start() throws Exception {
        assertThat(EXIM).as("Exim (apt-get install exim4-daemon-heavy; scripts/test installs it)").isExecutable();
        stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the API's request log
        // Exim drops to its own user for parts of a delivery: the folder must be readable by it.
        dir = Files.createTempDirectory(Path.of("/tmp"), "tlsrpt-exim-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.createTokensTable(dynamo, "tlsrpt-tokens");
        Clock clock = Clock.systemUTC(); // Exim stamps its events with the real time
        DynamoDbTokenStore tokens = new DynamoDbTokenStore(dynamo, "tlsrpt-tokens", clock);
        results = new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, clock);
        api = new LocalApi(new IngestApi(tokens, results, clock), 0);
        token = tokens.create("exim.sender.example");
    }

    @AfterEach
    void stop() throws Exception {
        if (forwarder != null) {
            forwarder.close();
        }
        for (TestSmtpServer server : servers) {
            server.close();
        }
        if (api != null) {
            api.close();
        }
        System.setOut(stdout);
        if (System.getenv("TLSRPT_KEEP_EXIM_DIR") == null) { // kept for a look at Exim's own log
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
        }
    }

    @Test
    void eximDeliveries_shouldBeCountedAsTheirTlsOutcomes() throws Exception {
        // GIVEN four receiving servers, a CA Exim trusts, and the forwarder in Exim mode
        TestCertificateAuthority ca = new TestCertificateAuthority();
        Instant now = Instant.now();
        Instant later = now.plus(Duration.ofDays(2));
        TestSmtpServer noStarttls = server("127.0.0.1", null);
        TestSmtpServer mismatch = server("127.0.0.2", ca.serverContext("mismatch",
                new GeneralName(GeneralName.dNSName, "other.example"), now.minus(Duration.ofDays(1)), later));
        TestSmtpServer expired = server("127.0.0.3", ca.serverContext("expired",
                new GeneralName(GeneralName.iPAddress, "127.0.0.3"), now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(1))));
        TestSmtpServer good = server("127.0.0.4", ca.serverContext("good",
                new GeneralName(GeneralName.iPAddress, "127.0.0.4"), now.minus(Duration.ofDays(1)), later));
        Path socket = dir.resolve("exim.sock");
        forwarder = Forwarder.start(new ForwarderConfig(socket, "rw-rw-rw-", 1 << 20, URI.create(api.url()),
                token.value(), dir.resolve("forward-spool"), 64L << 20, 1 << 20, 1000, 5000, 2_000_000,
                Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofHours(1), 65_535, InputFormat.EXIM));
        Path config = eximConfig(socket, ca.writeCertificate(dir.resolve("ca.pem")), Map.of(
                "nostarttls.example", noStarttls, "mismatch.example", mismatch,
                "expired.example", expired, "good.example", good));

        // WHEN Exim delivers one message with two recipients to each domain (one connection each)
        for (String domain : List.of("nostarttls.example", "mismatch.example", "expired.example", "good.example")) {
            exim(config, "a@" + domain, "b@" + domain);
        }

        // THEN the forwarder took four events, the API stored them, and the counters say what happened
        await(() -> forwarder.stats().delivered.get() == 4 && forwarder.unsent() == 0);
        assertThat(good.messages.get()).isEqualTo(1);
        assertThat(noStarttls.messages.get() + mismatch.messages.get() + expired.messages.get()).isZero();
        assertThat(counters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "nostarttls.example no-policy-found", "0/1 starttls-not-supported",
                "mismatch.example no-policy-found", "0/1 certificate-host-mismatch",
                "expired.example no-policy-found", "0/1 certificate-expired",
                "good.example no-policy-found", "1/0"));
        assertThat(forwarder.stats().malformed.get()).isZero();
    }

    private TestSmtpServer server(String address, javax.net.ssl.SSLContext tls) throws IOException {
        TestSmtpServer server = new TestSmtpServer(address, tls);
        servers.add(server);
        return server;
    }

    /** An Exim configuration that routes each test domain to its server and reports through the snippet. */
    private Path eximConfig(Path socket, Path caFile, Map<String, TestSmtpServer> routes) throws Exception {
        Path spool = Files.createDirectories(dir.resolve("exim-spool"));
        Path log = Files.createDirectories(dir.resolve("exim-log"));
        Path snippet = dir.resolve("tlsrpt-exim.conf");
        run("chown", "Debian-exim", spool.toString(), log.toString());
        StringBuilder routeList = new StringBuilder();
        routes.forEach((domain, server) -> routeList.append(routeList.isEmpty() ? "" : " ; ").append(domain)
                .append(' ').append(server.address()).append("::").append(server.port()));
        String text = """
                primary_hostname = sender.example
                spool_directory = %s
                log_file_path = %s/%%slog
                exim_user = Debian-exim
                exim_group = Debian-exim
                keep_environment =
                domainlist local_domains =
                begin acl
                TLSRPT_EXIM_SOCKET = %s
                .include %s
                begin routers
                test_domains:
                  driver = manualroute
                  transport = remote_smtp
                  route_list = %s
                  self = send
                begin transports
                remote_smtp:
                  driver = smtp
                  allow_localhost
                  hosts_require_tls = *
                  tls_verify_hosts = *
                  tls_verify_certificates = %s
                  tls_verify_cert_hostnames = *
                  event_action = ${acl{tlsrpt_event}}
                begin retry
                * * F,1h,1h
                """.formatted(spool, log, socket, snippet, routeList, caFile);
        Path config = dir.resolve("exim.conf");
        // Exim reads the included file as its own user: the copy sits in the test's world-readable folder.
        Files.copy(SNIPPET, snippet);
        Files.writeString(config, text);
        return config;
    }

    private void exim(Path config, String... recipients) throws Exception {
        List<String> command = new ArrayList<>(List.of(EXIM.toString(), "-C", config.toString(), "-odf",
                "-f", "sender@sender.example"));
        command.addAll(List.of(recipients));
        Process exim = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = exim.getOutputStream()) {
            in.write("Subject: tlsrpt test\n\nhello\n".getBytes(StandardCharsets.US_ASCII));
        }
        String output = new String(exim.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exim.waitFor(60, TimeUnit.SECONDS)).as("exim finished: " + output).isTrue();
        assertThat(exim.exitValue()).as("exim: " + output).isZero();
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }

    /** The day's recipient-domain counters: "domain policy-type" -> "ok/failed result-type". */
    private Map<String, String> counters() {
        Map<String, String> counters = new TreeMap<>();
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        for (DestinationKey destination : results.destinations(day)) {
            if (destination.kind() != DestinationKind.RECIPIENT_DOMAIN) {
                continue;
            }
            for (TlsResult result : results.results(destination)) {
                String details = String.join(",", result.details().stream()
                        .map(FailureDetail::resultType).map(type -> type.wireName()).toList());
                counters.put(result.recipientDomain() + " " + result.policy().type().wireName(),
                        result.successCount() + "/" + result.failureCount() + (details.isEmpty() ? "" : " " + details));
            }
        }
        return counters;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
