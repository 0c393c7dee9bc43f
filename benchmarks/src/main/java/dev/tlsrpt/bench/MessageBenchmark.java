package dev.tlsrpt.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import dev.tlsrpt.mail.DkimSigner;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.tlsrpt.Destination;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Complete signed messages per second: build the report, gzip, MIME, DKIM-sign with RSA-2048. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MessageBenchmark {
    private Destination destination;
    private ReportBuilder reports;
    private ReportMessageBuilder messages;
    private java.security.Signature rsa;
    private java.security.Signature rsaAwsLc;
    private final byte[] headers = new byte[600];

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateKey key = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
        rsa = java.security.Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsaAwsLc = java.security.Signature.getInstance("SHA256withRSA", AmazonCorrettoCryptoProvider.INSTANCE);
        rsaAwsLc.initSign(key);
        destination = TypicalDay.destination();
        reports = new ReportBuilder(TypicalDay.SETTINGS);
        messages = new ReportMessageBuilder(TypicalDay.SETTINGS, new DkimSigner("sender.example", "tlsrpt", key),
                Clock.fixed(Instant.parse("2026-11-29T01:15:00Z"), ZoneOffset.UTC));
    }

    @Benchmark
    public byte[] buildAndSignMessage() {
        Report report = reports.build(destination);
        return messages.build(report, report.toGzip(), destination.domain(), reports.filename(destination),
                List.of("tlsrpt@example.com")).get(0).raw();
    }

    /** Baseline: one bare RSA-2048 signature over header-sized input by the JDK's provider. */
    @Benchmark
    public byte[] rsa2048SignatureOnly() throws java.security.SignatureException {
        rsa.update(headers);
        return rsa.sign();
    }

    /** The same by AWS-LC (ACCP), which signs the messages above (docs/design.md 4.3): the floor of their cost. */
    @Benchmark
    public byte[] rsa2048SignatureOnlyAwsLc() throws java.security.SignatureException {
        rsaAwsLc.update(headers);
        return rsaAwsLc.sign();
    }
}
