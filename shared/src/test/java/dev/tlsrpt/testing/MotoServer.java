package dev.tlsrpt.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import org.opentest4j.TestAbortedException;

/**
 * The AWS emulator for integration tests: one moto server per test JVM, on 127.0.0.1 and a free port,
 * from the project's venv (scripts/venv.sh). The SDK reaches it through its own endpoint settings
 * ({@code aws.endpointUrl}), so production code builds its clients exactly as it does on AWS.
 * Never skipped: without the venv the tests fail with a message saying how to create it.
 *
 * <p>With {@code TLSRPT_TEST_ENDPOINT} set (e.g. {@code http://127.0.0.1:4566}, a LocalStack or a moto
 * started by hand) nothing is started and the SDK is pointed there instead. Such an endpoint may hold
 * other people's resources: {@link #reset()}, {@link #stop()} and {@link #start()} then abort the test
 * (reported as skipped, with the reason) instead of wiping or killing it, unless
 * {@code TLSRPT_TEST_ENDPOINT_DISPOSABLE=true} says the endpoint is the tests' own: then {@link #reset()}
 * empties it through its emulator's reset call (moto's or LocalStack's).
 *
 * <p>Under the {@code -Plocalstack} profile the endpoint is a LocalStack container of this JVM's own
 * ({@link LocalStackEndpoint}), disposable; without Docker every test that asks for the emulator is
 * skipped with the reason.
 */
public final class MotoServer {
    private static MotoServer instance;
    private static MotoServer serialisedInstance;

    /** An AWS-compatible endpoint to test against instead of starting the emulator. */
    public static final String ENDPOINT_ENV = "TLSRPT_TEST_ENDPOINT";
    /** {@code true}: the endpoint given in {@link #ENDPOINT_ENV} is the tests' own, and they may reset it. */
    public static final String DISPOSABLE_ENV = "TLSRPT_TEST_ENDPOINT_DISPOSABLE";

    private final Path executable;
    private final List<String> arguments;
    private final int port;
    private final String externalEndpoint;
    /** For an external endpoint: whether {@link #reset()} may empty it. */
    private final boolean disposable;
    /** The emulator's own reset call; for an external endpoint found on first use. */
    private String resetCall;
    private Process process;

    private MotoServer(Path executable, int port) {
        this(executable, List.of(), port);
    }

    private MotoServer(Path executable, List<String> arguments, int port) {
        this.executable = executable;
        this.arguments = arguments;
        this.port = port;
        this.externalEndpoint = null;
        this.disposable = true;
        this.resetCall = "/moto-api/reset";
    }

    private MotoServer(String externalEndpoint, boolean disposable, String resetCall) {
        this.executable = null;
        this.arguments = List.of();
        this.port = URI.create(externalEndpoint).getPort();
        this.externalEndpoint = externalEndpoint;
        this.disposable = disposable;
        this.resetCall = resetCall;
    }

    /** True when the tests run against {@code TLSRPT_TEST_ENDPOINT} rather than an emulator of their own. */
    public boolean external() {
        return externalEndpoint != null;
    }

    /**
     * A second emulator, answering one request at a time (scripts/moto_serialised.py), for the tests that
     * write from many clients at once: stock moto loses other clients' writes when it rolls back a
     * cancelled transaction. Its clients set its {@link #endpoint()} themselves.
     */
    public static synchronized MotoServer serialised() {
        if (localStackProfile()) {
            // LocalStack's DynamoDB (Amazon's DynamoDB Local) has no such fault: the one container serves.
            return get();
        }
        if (serialisedInstance == null) {
            Path moto = findExecutable();
            Path python = moto.resolveSibling("python");
            Path launcher = moto.toAbsolutePath().getParent().getParent().getParent().resolve("scripts/moto_serialised.py");
            if (!Files.isRegularFile(launcher)) {
                throw new IllegalStateException("no serialising launcher at " + launcher);
            }
            serialisedInstance = new MotoServer(python, List.of(launcher.toString()), freePort());
            serialisedInstance.start();
            Runtime.getRuntime().addShutdownHook(new Thread(serialisedInstance::stop));
        }
        return serialisedInstance;
    }

    /** The running server, started on first use, with the SDK's endpoint and test credentials pointed at it. */
    public static synchronized MotoServer get() {
        if (instance == null) {
            String external = System.getenv(ENDPOINT_ENV);
            if (localStackProfile()) {
                instance = new MotoServer(LocalStackEndpoint.endpoint().replaceAll("/+$", ""), true, LocalStackEndpoint.RESET_CALL);
            } else if (external != null && !external.isBlank()) {
                instance = new MotoServer(external.strip().replaceAll("/+$", ""),
                        Boolean.parseBoolean(System.getenv(DISPOSABLE_ENV)), null);
            } else {
                instance = new MotoServer(findExecutable(), freePort());
                instance.start();
                Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
            }
            System.setProperty("aws.endpointUrl", instance.endpoint());
            System.setProperty("aws.region", "us-east-1");
            System.setProperty("aws.accessKeyId", "testing");
            System.setProperty("aws.secretAccessKey", "testing");
        }
        return instance;
    }

    /**
     * Whether the -Plocalstack profile runs this JVM; read here (the property's name is a constant) so that
     * LocalStackEndpoint, and Testcontainers with it, are loaded only under the profile.
     */
    private static boolean localStackProfile() {
        return Boolean.getBoolean(LocalStackEndpoint.PROFILE_PROPERTY);
    }

    public String endpoint() {
        return external() ? externalEndpoint : "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Forgets every table, queue and message: each test starts from an empty account. */
    public void reset() {
        if (!disposable) {
            refuseOnExternal("forgets every resource of the emulator (set " + DISPOSABLE_ENV + "=true if it is the tests' own)");
        }
        post(resetCall());
    }

    private synchronized String resetCall() {
        if (resetCall == null) {
            resetCall = resetCallOfExternal();
        }
        return resetCall;
    }

    /** The reset call of whichever emulator answers at the external endpoint. */
    private String resetCallOfExternal() {
        if (answers("/_localstack/health")) {
            return LocalStackEndpoint.RESET_CALL;
        }
        if (answers("/moto-api/")) {
            return "/moto-api/reset";
        }
        throw new IllegalStateException(externalEndpoint + " is neither moto nor LocalStack: it has no reset call, and "
                + DISPOSABLE_ENV + " cannot be honoured");
    }

    private boolean answers(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + path).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(10000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public synchronized void start() {
        refuseOnExternal("starts the emulator");
        try {
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.addAll(arguments);
            command.addAll(List.of("-H", "127.0.0.1", "-p", String.valueOf(port)));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the emulator " + executable, e);
        }
        awaitReady();
    }

    /** Kills the emulator, as a crashed or unreachable storage backend would look to the code. */
    public synchronized void stop() {
        refuseOnExternal("kills the emulator");
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private void refuseOnExternal(String what) {
        if (external()) {
            throw new TestAbortedException("this test " + what + "; it cannot run against an endpoint it did not start, " + externalEndpoint);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the emulator exited at start: " + executable);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/moto-api/").toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep(100);
        }
        throw new IllegalStateException("the emulator did not answer within 60 s on " + endpoint());
    }

    private void post(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + path).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.getOutputStream().close();
            if (connection.getResponseCode() / 100 != 2) {
                throw new IllegalStateException("emulator " + path + " answered " + connection.getResponseCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("emulator " + path + " failed", e);
        }
    }

    private static Path findExecutable() {
        String venv = System.getProperty("tlsrpt.venv", System.getenv().getOrDefault("TLSRPT_VENV", ".venv"));
        Path executable = Path.of(venv, "bin", "moto_server");
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("no emulator at " + executable
                    + ": run the tests through scripts/test (it creates the venv with moto)");
        }
        return executable;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
