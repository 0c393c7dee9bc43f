package dev.tlsrpt.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A Lambda cold start without Lambda: a fresh JVM on a deployment jar builds a handler as Lambda's Java
 * runtime does (loaded by name, no-argument constructor, settings from the environment, the serialisers for
 * its event and response types), runs what Lambda
 * runs before a SnapStart snapshot (the functions' priming, docs/design.md 8), then deserialises one
 * event with the runtime's own event serialisers, handles it and serialises the response. Prints one line:
 * the response, the time from the process's start to the response and its parts, and the peak resident
 * memory. scripts/bench-cold-start runs it against the emulator, for each function and for
 * {@link OnePutItemHandler}, the baseline.
 *
 * <p>Arguments: the handler class, the event file.
 */
public final class ColdStartInvoke {
    /** What SnapStart runs before the snapshot (org.crac hooks); absent from a jar without priming. */
    private static final String PRIMING = "dev.tlsrpt.function.priming.Priming";

    private ColdStartInvoke() {
    }

    public static void main(String[] args) throws Exception {
        long initStart = System.nanoTime();
        Class<?> handlerClass = Class.forName(args[0]);
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) handlerClass.getDeclaredConstructor().newInstance();
        // The runtime picks the event's and the response's serialisers when it loads the handler.
        Type[] types = requestHandlerTypes(handlerClass);
        PojoSerializer<Object> in = serializer(types[0]);
        PojoSerializer<Object> out = serializer(types[1]);
        long initDone = System.nanoTime();
        boolean primed = beforeSnapshot();
        long primeDone = System.nanoTime();

        byte[] event = Files.readAllBytes(Path.of(args[1]));
        Object output = handler.handleRequest(in.fromJson(new java.io.ByteArrayInputStream(event)), new BenchContext());
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        if (output != null) {
            out.toJson(output, response);
        }
        long done = System.nanoTime();
        long doneWall = System.currentTimeMillis();

        // The process's start as the kernel has it: JVM boot included, as in a Lambda cold start.
        Instant processStart = ProcessHandle.current().info().startInstant().orElseThrow();
        String body = response.toString(java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        System.err.printf("cold-start jvm-start-to-response-ms=%d init-ms=%d prime-ms=%d first-invocation-ms=%d"
                        + " primed=%s vmhwm-kb=%d response=%s%n",
                doneWall - processStart.toEpochMilli(), (initDone - initStart) / 1_000_000, (primeDone - initDone) / 1_000_000,
                (done - primeDone) / 1_000_000, primed, peakResidentKb(),
                body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }

    /** Runs the jar's snapshot hooks as Lambda does before it takes a SnapStart snapshot; false if it has none. */
    private static boolean beforeSnapshot() throws Exception {
        Class<?> priming;
        try {
            priming = Class.forName(PRIMING);
        } catch (ClassNotFoundException e) {
            return false;
        }
        priming.getMethod("beforeSnapshot").invoke(null);
        return true;
    }

    /** I and O of the handler's RequestHandler&lt;I, O&gt;, as the runtime reads them. */
    private static Type[] requestHandlerTypes(Class<?> handlerClass) {
        for (Type type : handlerClass.getGenericInterfaces()) {
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                return parameterized.getActualTypeArguments();
            }
        }
        throw new IllegalArgumentException(handlerClass + " does not implement RequestHandler<I, O> directly");
    }

    /** The runtime's choice: its own serialiser for Lambda's event classes, its Jackson for anything else. */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type) {
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        if (LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(raw, ColdStartInvoke.class.getClassLoader());
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    /** VmHWM: the most memory the process held resident, in kB (what Lambda's MemorySize must hold). */
    private static long peakResidentKb() throws java.io.IOException {
        try (InputStream status = Files.newInputStream(Path.of("/proc/self/status"))) {
            for (String line : new String(status.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return -1;
    }
}
