package dev.tlsrpt.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Tlsrpt.class.getPackage().getImplementationVersion();
        return new String[] {"tlsrpt " + (version == null ? "(development build)" : version)};
    }
}
