package dev.tlsrpt.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One function's execution environment: a task directory laid out as the java21 runtime unpacks a
 * deployment package (the Makefile's jar in {@code lib/}), and a JVM running the Lambda runtime interface
 * client against a {@link RuntimeApi}, with the template's handler string and environment and nothing of
 * the test's classpath. Its output (the function's log) goes to a file.
 */
final class LambdaProcess implements AutoCloseable {
    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The longest one invocation may take here: the worker paces its sends, and the emulator is slow on a shared machine. */
    private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(180);
    private static final String CRAC_PROPERTY = "org.crac.Core.Compat";
    /** The runtime interface client's own CRaC context, whose hooks it runs before {@code restore/next}. */
    private static final String RUNTIME_CRAC = "com.amazonaws.services.lambda.crac";
    private static final String NATIVE_CLIENT_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private final SamFunctions.FunctionConfig function;
    private final RuntimeApi api;
    private final Process process;
    private final Path log;

    private LambdaProcess(SamFunctions.FunctionConfig function, RuntimeApi api, Process process, Path log) {
        this.function = function;
        this.api = api;
        this.process = process;
        this.log = log;
    }

    /** How Lambda starts the environment, as AWS_LAMBDA_INITIALIZATION_TYPE names it. */
    enum Init {
        /** The handler is built and then invoked in the same process. */
        ON_DEMAND("on-demand"),
        /**
         * As for a SnapStart snapshot: once the handler is built, the runtime runs the CRaC
         * {@code beforeCheckpoint} hooks and asks {@code restore/next}; the snapshot would be taken then, and the
         * invocations follow in the same process, as after a restore. Lambda's runtime points org.crac at its own
         * CRaC implementation, as this does.
         */
        SNAP_START("snap-start");

        private final String name;

        Init(String name) {
            this.name = name;
        }
    }

    /**
     * Starts {@code function} from the jar its Makefile hands to sam build.
     *
     * @param sdkEnvironment region, credentials and endpoint, as Lambda (and the test) provide them
     * @param extraJvmOptions appended to the template's JAVA_TOOL_OPTIONS (e.g. the test's DNS server)
     */
    static LambdaProcess start(SamFunctions.FunctionConfig function, Init init, Map<String, String> sdkEnvironment,
                               String extraJvmOptions, Path workDir) throws IOException {
        Path jar = deploymentJar(function);
        Path task = Files.createDirectories(workDir.resolve(function.logicalId()).resolve("task"));
        Files.createDirectories(task.resolve("lib"));
        Files.copy(jar, task.resolve("lib").resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path log = workDir.resolve(function.logicalId()).resolve("function.log");

        RuntimeApi api = new RuntimeApi(function.logicalId());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Sized as Lambda's Java runtime starts its JVM for the function's memory: heap 85%, metaspace 10%,
                // code cache 5%; the JVM's other sizing (initial heap, threads) as in a container of that memory.
                "-XX:+UseSerialGC", "-XX:MaxRAM=" + function.memoryMb() + "m", "-Xmx" + (function.memoryMb() * 85 / 100) + "m",
                "-XX:MaxMetaspaceSize=" + metaspaceLimitKb(function) + "k",
                "-XX:ReservedCodeCacheSize=" + (function.memoryMb() * 1024 * 5 / 100) + "k",
                "-D" + NATIVE_CLIENT_PROPERTY + "=" + nativeClient(workDir),
                "-D" + CRAC_PROPERTY + "=" + RUNTIME_CRAC,
                "-cp", runtimeClasspath(), RUNTIME_MAIN, function.handler());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(function.environment());
        env.merge("JAVA_TOOL_OPTIONS", extraJvmOptions, (template, extra) -> template + " " + extra);
        env.putAll(sdkEnvironment);
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", task.toString());
        env.put("_HANDLER", function.handler());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat().toUpperCase(java.util.Locale.ROOT));
        env.put("AWS_LAMBDA_LOG_LEVEL", function.applicationLogLevel());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", init.name);
        env.put("TZ", ":UTC");
        builder.directory(task.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        return new LambdaProcess(function, api, builder.start(), log);
    }

    /**
     * Waits until a SnapStart start has run its hooks and would have its snapshot taken ({@code restore/next});
     * fails with the function's log if the process dies or reports an init error first.
     */
    void awaitSnapshot(Duration timeout) throws InterruptedException {
        if (!api.awaitSnapshot(timeout, process.onExit())) {
            throw new AssertionError(function.logicalId() + " took no snapshot within " + timeout + ":\n" + log());
        }
    }

    /** Invokes the function with {@code payload}; fails with the function's log if the process dies. */
    RuntimeApi.Outcome invoke(String payload) throws InterruptedException {
        if (!process.isAlive()) {
            throw new AssertionError(function.logicalId() + " exited (" + process.exitValue() + "):\n" + log());
        }
        RuntimeApi.Outcome outcome = api.invoke(payload, INVOCATION_TIMEOUT, process.onExit());
        if (outcome == null) {
            throw new AssertionError(function.logicalId() + " exited during the invocation:\n" + log());
        }
        return outcome;
    }

    /** The most resident memory the process has had (VmHWM), in MiB: what Lambda reports as "Max Memory Used". */
    long peakResidentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            throw new AssertionError(function.logicalId() + ": no memory figures for the process: " + e);
        }
        throw new AssertionError(function.logicalId() + ": /proc status has no VmHWM");
    }

    static long metaspaceLimitKb(SamFunctions.FunctionConfig function) {
        return function.memoryMb() * 1024L / 10;
    }

    /** What {@code jcmd VM.metaspace} says of the process now. */
    record Metaspace(int classes, double usedKb) {
    }

    private static final Pattern METASPACE_CLASSES = Pattern.compile("Total Usage - \\d+ loaders, (\\d+) classes");
    // The summary line, "Metaspace used 28729K, committed ...": always in KB, unlike the table below it
    // whose units and percentages ("(>99%) used") vary with the figures.
    private static final Pattern METASPACE_USED = Pattern.compile("Metaspace\\s+used (\\d+)K");

    Metaspace metaspace() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(process.pid()), "VM.metaspace").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            Matcher classes = METASPACE_CLASSES.matcher(out);
            Matcher used = METASPACE_USED.matcher(out);
            if (!classes.find() || !used.find()) {
                throw new AssertionError(function.logicalId() + ": jcmd VM.metaspace said " + out);
            }
            return new Metaspace(Integer.parseInt(classes.group(1)), Double.parseDouble(used.group(1)));
        } catch (IOException e) {
            throw new AssertionError(function.logicalId() + ": jcmd failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    SamFunctions.FunctionConfig config() {
        return function;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static final String ARTIFACTS_MARK = "/artifacts-of-sam-build";
    private static final Pattern COPY = Pattern.compile("cp \"([^\"]+\\.jar)\" \"" + Pattern.quote(ARTIFACTS_MARK) + "/lib/\"");

    /**
     * The jar that {@code make build-<LogicalId>} in CodeUri copies into the artifact, as template.yaml's
     * BuildMethod makefile has sam build run it: make itself says so, in a dry run.
     */
    static Path deploymentJar(SamFunctions.FunctionConfig function) throws IOException {
        String commands = buildCommands(function);
        Matcher copy = COPY.matcher(commands);
        if (!copy.find()) {
            throw new AssertionError("make build-" + function.logicalId() + " copies no jar into $(ARTIFACTS_DIR)/lib/: "
                    + commands);
        }
        Path jar = Path.of(copy.group(1));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no " + jar + ": the reactor builds it (mvn verify -pl functions/runtime-it -am)");
        }
        return jar;
    }

    /** What {@code make build-<LogicalId>} in CodeUri would run for sam build ({@code make -n}). */
    static String buildCommands(SamFunctions.FunctionConfig function) throws IOException {
        String target = "build-" + function.logicalId();
        Process make = new ProcessBuilder("make", "-n", "-s", "-C", function.codeUri().toString(), target,
                "ARTIFACTS_DIR=" + ARTIFACTS_MARK).redirectErrorStream(true).start();
        String commands = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (make.waitFor() != 0) {
                throw new AssertionError(function.codeUri() + "/Makefile: make " + target
                        + ", which sam build calls, fails: " + commands);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return commands;
    }

    /**
     * The client's native part, unpacked once. Left to itself, every JVM unpacks it to the same file in
     * /tmp, and one JVM overwriting the library another has mapped kills that one (SIGBUS).
     */
    private static synchronized Path nativeClient(Path workDir) throws IOException {
        Path library = workDir.resolve("libaws-lambda-jni.so");
        if (!Files.exists(library)) {
            String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "aarch_64" : "x86_64";
            String resource = "/jni/libaws-lambda-jni.linux-" + arch + ".so";
            try (var in = Class.forName("com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient", false,
                    LambdaProcess.class.getClassLoader()).getResourceAsStream(resource)) {
                if (in == null) {
                    throw new AssertionError("the runtime interface client has no " + resource);
                }
                Files.createDirectories(workDir);
                Files.copy(in, library);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("the runtime interface client is not on the test classpath", e);
            }
        }
        return library;
    }

    /** The runtime interface client and what it needs, from the test's classpath: what /var/runtime holds. */
    private static String runtimeClasspath() {
        List<String> runtime = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-runtime-interface-client")
                        || entry.contains("aws-lambda-java-serialization")
                        || entry.contains("aws-lambda-java-core")
                        || entry.contains("utils-lite"))
                .toList();
        if (runtime.stream().noneMatch(entry -> entry.contains("runtime-interface-client"))) {
            throw new AssertionError("the runtime interface client is not on the test classpath");
        }
        return runtime.stream().collect(Collectors.joining(File.pathSeparator));
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
    }
}
