package dev.tlsrpt.cli;

import dev.tlsrpt.mail.DkimKeys;
import java.io.PrintWriter;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * {@code tlsrpt dkim-record}: the DKIM key record to publish for the stack's signing key (from SSM), as a
 * zone-file line split into character-strings of at most 255 bytes. {@code --generate} first creates a
 * 2048-bit key and stores it as the SecureString; the private key is never printed.
 */
@Command(name = "dkim-record", mixinStandardHelpOptions = true,
        description = "Print the DKIM key record (zone-file line) for the stack's signing key in SSM; "
                + "with --generate, create the key first.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the record is printed", "1:failed (no key in SSM, not a usable key)", "2:bad usage",
                "5:the stack's settings cannot be read"})
final class DkimRecordCommand implements Callable<Integer> {
    @Mixin AwsOptions aws;
    @Spec CommandSpec spec;

    @Option(names = "--selector", paramLabel = "SELECTOR",
            description = "The DKIM selector (default: the stack's DkimSelector). For a key rotation, the new one.")
    String selector;

    @Option(names = "--key-parameter", paramLabel = "NAME",
            description = "The SSM parameter of the key (default: the stack's DkimKeyParameterName).")
    String keyParameter;

    @Option(names = "--domain", paramLabel = "DOMAIN",
            description = "The submitter domain (default: the stack's SubmitterDomain). With --selector and "
                    + "--key-parameter, no stack is needed: create the key before the first deploy.")
    String domain;

    @Option(names = "--generate", description = "Create a 2048-bit RSA key and store it as a SecureString in the "
            + "key parameter first (refused if it exists, unless --overwrite).")
    boolean generate;

    @Option(names = "--overwrite", description = "With --generate: replace an existing key (signatures with the old "
            + "key stop verifying once the record changes: see docs/deploy.md on rotation).")
    boolean overwrite;

    @Override
    public Integer call() {
        // The stack's settings only for what the options leave open.
        String parameter = keyParameter != null ? keyParameter : aws.settings().dkimKeyParameter();
        String chosen = selector != null ? selector : aws.settings().dkimSelector();
        String submitter = domain != null ? Arguments.domain(spec, domain) : aws.settings().submitterDomain();
        if (!DkimKeyRecord.SELECTOR.matcher(chosen).matches()) {
            throw new ParameterException(spec.commandLine(), "not a DKIM selector: " + LookupCommand.printable(chosen));
        }
        String name = DkimKeyRecord.name(chosen, submitter);
        PrintWriter err = spec.commandLine().getErr();
        try (SsmClient ssm = aws.ssm()) {
            if (generate) {
                try {
                    ssm.putParameter(r -> r.name(parameter).type(ParameterType.SECURE_STRING).overwrite(overwrite)
                            .description("tlsrpt DKIM private key (PKCS#8 PEM) for " + name).value(newKeyPem()));
                } catch (ParameterAlreadyExistsException e) {
                    err.println("error: " + parameter + " exists; pass --overwrite to replace it "
                            + "(or --key-parameter with a new name for a rotation)");
                    return 1;
                }
                err.println("stored a new 2048-bit key in " + parameter + " (SecureString)");
            }
            String pem;
            try {
                pem = ssm.getParameter(r -> r.name(parameter).withDecryption(true)).parameter().value();
            } catch (ParameterNotFoundException e) {
                err.println("error: no DKIM key in SSM parameter " + parameter + "; create one with --generate");
                return 1;
            }
            RSAPrivateKey key = DkimKeys.rsaPrivateKeyFromPem(pem);
            spec.commandLine().getOut().println(DkimKeyRecord.zoneLine(name, DkimKeys.publicKeyRecord(key)));
            return 0;
        }
    }

    private static String newKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(DkimKeys.MIN_RSA_BITS);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
