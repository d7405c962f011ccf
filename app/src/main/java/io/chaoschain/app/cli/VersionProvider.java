package io.chaoschain.app.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = ChaosChainCommand.class.getPackage().getImplementationVersion();
        return new String[] {"chaoschain " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
}
