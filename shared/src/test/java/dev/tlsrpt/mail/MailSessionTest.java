package dev.tlsrpt.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

class MailSessionTest {
    private static final String SERVICE_FILE = "META-INF/services/" + StreamProvider.class.getName();

    @Test
    void get_shouldNameAngusStreamProvider() {
        // WHEN the session is taken
        MailSession.get();

        // THEN Jakarta Mail's stream provider is named, and it is the one its service lookup would find
        assertThat(System.getProperty(MailSession.STREAM_PROVIDER_PROPERTY)).isEqualTo(MailStreamProvider.class.getName());
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }

    @Test
    void messages_shouldBeMadeAndWrittenWithoutServiceLookups() throws Exception {
        MailSession.get();
        ServiceFileCounter loader = new ServiceFileCounter();

        // WHEN a message with a multipart body is made and written, the stream provider named
        int named = withContextLoader(loader, MailSessionTest::writeMessage);

        // THEN no service file was read; without the name (the probe's control), every part reads it
        assertThat(named).isZero();
        String value = System.clearProperty(MailSession.STREAM_PROVIDER_PROPERTY);
        try {
            assertThat(withContextLoader(loader, MailSessionTest::writeMessage)).isGreaterThanOrEqualTo(3);
        } finally {
            System.setProperty(MailSession.STREAM_PROVIDER_PROPERTY, value);
        }
    }

    private static void writeMessage() throws Exception {
        MimeBodyPart text = new MimeBodyPart();
        text.setText("report", "utf-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(new byte[] {1, 2, 3}, "application/tlsrpt+gzip");
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        MimeMultipart multipart = new MimeMultipart("report");
        multipart.addBodyPart(text);
        multipart.addBodyPart(attachment);
        MimeMessage message = new MimeMessage(MailSession.get());
        message.setContent(multipart);
        message.saveChanges();
        message.writeTo(new ByteArrayOutputStream());
    }

    /** Runs the work with the loader as the thread's context class loader; returns the service file reads. */
    private static int withContextLoader(ServiceFileCounter loader, Work work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        int before = loader.reads.get();
        thread.setContextClassLoader(loader);
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
        return loader.reads.get() - before;
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Delegates everything to this class's loader and counts the lookups of the stream provider's service file. */
    private static final class ServiceFileCounter extends ClassLoader {
        final AtomicInteger reads = new AtomicInteger();

        ServiceFileCounter() {
            super(MailSessionTest.class.getClassLoader());
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.equals(SERVICE_FILE)) {
                reads.incrementAndGet();
            }
            return super.getResources(name);
        }
    }
}
