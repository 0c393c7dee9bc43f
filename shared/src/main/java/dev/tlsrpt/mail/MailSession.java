package dev.tlsrpt.mail;

import jakarta.mail.Session;
import jakarta.mail.util.StreamProvider;
import java.util.Properties;
import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * The one Jakarta Mail session that messages are built and read with, made once: a new session loads Jakarta
 * Mail's providers from the class path each time.
 *
 * <p>Jakarta Mail also asks for its {@link StreamProvider} anew for every body part and multipart it makes and
 * every part it writes or encodes, five or more times a report message. Unless the system property of that
 * interface's name names the provider, each ask runs a {@code ServiceLoader} over the class path, reading the
 * service file out of the jar. So the property names Angus's provider, the one that lookup finds, before any
 * message is made; a value given on the command line is kept. That took a quarter off a signed message's CPU
 * and a tenth off the worker's rehearsal (docs/benchmarks.md).
 */
public final class MailSession {
    static final String STREAM_PROVIDER_PROPERTY = StreamProvider.class.getName();
    private static final Session SESSION;

    static {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, MailStreamProvider.class.getName());
        }
        SESSION = Session.getInstance(new Properties());
    }

    private MailSession() {
    }

    public static Session get() {
        return SESSION;
    }
}
