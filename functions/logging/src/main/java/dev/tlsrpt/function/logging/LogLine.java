package dev.tlsrpt.function.logging;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.slf4j.Logger;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * Writes one log line whose fields are top-level keys of the JSON object, beside the ones every line has
 * (level, message, function_request_id, cold_start, service: docs/design.md 6). A handler runs inside
 * {@code PowertoolsLogging.withLogging(context, ...)}, which puts the invocation's fields on every line.
 */
public final class LogLine {
    private LogLine() {
    }

    public static void write(Logger logger, Level level, String message, Map<String, ?> fields) {
        write(logger, level, message, fields, null);
    }

    /** Fields from key, value, key, value...; in that order, and a value may be null (unlike {@code Map.of}). */
    public static Map<String, Object> fields(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in pairs of key and value");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return fields;
    }

    /**
     * Renders one line with its fields through every appender's layout, in memory, and drops it: the JSON
     * layout's resolvers are built by the first line they render, which then happens before a snapshot
     * (docs/design.md 8) rather than in the first invocation. Nothing is written.
     */
    public static void primeLayout() {
        LogEvent line = Log4jLogEvent.newBuilder()
                .setLoggerName(LogLine.class.getName())
                .setLevel(org.apache.logging.log4j.Level.INFO)
                .setMessage(new ParameterizedMessage("priming", StructuredArguments.entries(Map.of("priming", 1))))
                .build();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getAppenders().values().forEach(appender -> appender.getLayout().toByteArray(line));
    }

    /**
     * With {@code error}, if not null, as the line's {@code error} object (name, message, stack). The keys
     * every line has are reserved: a field named like one is dropped.
     */
    public static void write(Logger logger, Level level, String message, Map<String, ?> fields, Throwable error) {
        Object[] arguments = error == null
                ? new Object[] {StructuredArguments.entries(fields)}
                : new Object[] {StructuredArguments.entries(fields), error};
        switch (level) {
            case ERROR -> logger.error(message, arguments);
            case WARNING -> logger.warn(message, arguments);
            case DEBUG -> logger.debug(message, arguments);
            case TRACE, ALL -> logger.trace(message, arguments);
            case INFO -> logger.info(message, arguments);
            case OFF -> { }
        }
    }
}
