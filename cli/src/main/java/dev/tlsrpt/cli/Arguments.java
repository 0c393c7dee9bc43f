package dev.tlsrpt.cli;

import dev.tlsrpt.tlsrpt.DomainNames;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of command-line arguments that give a usage error (exit 2) with a clear message. */
final class Arguments {
    private Arguments() {
    }

    /** The A-label form of a domain argument; U-labels are fine. */
    static String domain(CommandSpec spec, String domain) {
        try {
            return DomainNames.toALabel(domain);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "not a domain name: " + domain + " (" + e.getMessage() + ")");
        }
    }
}
