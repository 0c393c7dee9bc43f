package dev.tlsrpt.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.tlsrpt.TxtAnswer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;

/** The dnsjava adapter maps DNS responses to outcomes; a stub dnsjava Resolver answers (no network). */
class DnsJavaTxtResolverTest {
    private static final String NAME = "_smtp._tls.example.com.";

    /** A dnsjava Resolver that answers every query with what {@code answer} makes of it. */
    private record StubResolver(Function<Message, Message> answer) implements Resolver {
        @Override
        public CompletionStage<Message> sendAsync(Message query) {
            try {
                return CompletableFuture.completedFuture(answer.apply(query));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e.getCause() != null ? e.getCause() : e);
            }
        }

        @Override
        public Message send(Message query) throws IOException {
            try {
                return answer.apply(query);
            } catch (RuntimeException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e;
            }
        }

        @Override
        public void setPort(int port) {
        }

        @Override
        public void setTCP(boolean flag) {
        }

        @Override
        public void setIgnoreTruncation(boolean flag) {
        }

        @Override
        public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        }

        @Override
        public void setTSIGKey(TSIG key) {
        }

        @Override
        public void setTimeout(Duration timeout) {
        }
    }

    private static Message response(Message query, int rcode, org.xbill.DNS.Record... answers) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setRcode(rcode);
        response.addRecord(query.getQuestion(), Section.QUESTION);
        for (org.xbill.DNS.Record record : answers) {
            response.addRecord(record, Section.ANSWER);
        }
        return response;
    }

    private static TxtAnswer lookup(Function<Message, Message> answer) {
        return new DnsJavaTxtResolver(new StubResolver(answer)).lookupTxt(NAME);
    }

    @Test
    void lookupTxt_shouldMapServfailToFailure() {
        assertThat(lookup(q -> response(q, Rcode.SERVFAIL))).isInstanceOfSatisfying(TxtAnswer.Failure.class,
                f -> assertThat(f.reason()).contains("SERVFAIL"));
    }

    @Test
    void lookupTxt_shouldMapTimeoutToFailure() {
        assertThat(lookup(q -> {
            throw new RuntimeException(new SocketTimeoutException("timed out"));
        })).isInstanceOf(TxtAnswer.Failure.class);
    }

    @Test
    void lookupTxt_shouldMapNxdomainToNameNotFound() {
        assertThat(lookup(q -> response(q, Rcode.NXDOMAIN))).isInstanceOf(TxtAnswer.NameNotFound.class);
    }

    @Test
    void lookupTxt_shouldMapNoErrorWithoutTxtToNoData() throws Exception {
        ARecord a = new ARecord(Name.fromString(NAME), DClass.IN, 300, java.net.InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}));
        assertThat(lookup(q -> response(q, Rcode.NOERROR))).isInstanceOf(TxtAnswer.NoData.class);
        assertThat(lookup(q -> response(q, Rcode.NOERROR, a)))
                .isInstanceOf(TxtAnswer.NoData.class);
    }

    @Test
    void lookupTxt_shouldReturnTxtStringsAfterCname() throws Exception {
        // GIVEN a CNAME to another name, then the TXT record in two strings
        Name name = Name.fromString(NAME);
        Name target = Name.fromString("_smtp._tls.reports.example.");
        TXTRecord txt = new TXTRecord(target, DClass.IN, 300, List.of("v=TLSRPTv1; rua=mailto:a", "@b.example"));

        TxtAnswer answer = lookup(q -> response(q, Rcode.NOERROR, new CNAMERecord(name, DClass.IN, 300, target), txt));

        // THEN the TXT record's strings, in order
        assertThat(answer).isEqualTo(new TxtAnswer.Records(List.of(List.of("v=TLSRPTv1; rua=mailto:a", "@b.example"))));
    }

    @Test
    void lookupTxt_shouldAskRecursivelyForTxt() {
        Message[] seen = new Message[1];
        lookup(q -> {
            seen[0] = q;
            return response(q, Rcode.NXDOMAIN);
        });
        assertThat(seen[0].getQuestion().getType()).isEqualTo(org.xbill.DNS.Type.TXT);
        assertThat(seen[0].getQuestion().getName().toString()).isEqualTo(NAME);
        assertThat(seen[0].getHeader().getFlag(org.xbill.DNS.Flags.RD)).isTrue();
    }
}
