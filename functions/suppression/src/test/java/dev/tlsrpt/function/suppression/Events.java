package dev.tlsrpt.function.suppression;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample events in the repository's events/ folder, the ones `sam local invoke` uses. */
final class Events {
    private Events() {
    }

    static SNSEvent sns(String name) {
        return EventLoader.loadSNSEvent(eventsDirectory().resolve(name).toString());
    }

    static String sesMessage(String name) {
        return sns(name).getRecords().get(0).getSNS().getMessage();
    }

    private static Path eventsDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("events"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("events");
    }
}
