package dev.tlsrpt.send;

import dev.tlsrpt.mail.ReportMessageBuilder;
import java.util.Objects;

/**
 * Whether report emails can be built: the DKIM key is read at init, and a worker without it must say so
 * on every email it cannot send (DESIGN 2.5: no key, no report, and the failure is an event).
 */
public sealed interface MessageSigning {

    record Ready(ReportMessageBuilder messages) implements MessageSigning {
        public Ready {
            Objects.requireNonNull(messages, "messages");
        }
    }

    /** @param reason why there is no key; never the key material */
    record Unavailable(String reason) implements MessageSigning {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
