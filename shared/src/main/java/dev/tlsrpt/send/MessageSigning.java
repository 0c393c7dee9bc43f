package dev.tlsrpt.send;

import dev.tlsrpt.mail.ReportMessageBuilder;
import java.util.Objects;

/**
 * Where report emails get their DKIM signature (docs/design.md 2.5). The key is the operator's to
 * provide and may come or change after deployment, so the worker asks {@link #current()} on every job
 * that mails: an adapter may read the key again (the SSM one does, with a cache lifetime). No key means
 * the job's emails wait and are retried; nothing is recorded as failed.
 */
public interface MessageSigning {

    /** Whether messages can be signed now, and with what. */
    State current();

    /** What {@link #current()} found; also a {@link MessageSigning} that always has this state. */
    sealed interface State extends MessageSigning permits Ready, Unavailable {
    }

    record Ready(ReportMessageBuilder messages) implements State {
        public Ready {
            Objects.requireNonNull(messages, "messages");
        }

        @Override
        public State current() {
            return this;
        }
    }

    /** @param reason why there is no usable key; never the key material */
    record Unavailable(String reason) implements State {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public State current() {
            return this;
        }
    }
}
