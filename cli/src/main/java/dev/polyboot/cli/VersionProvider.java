package dev.polyboot.cli;

import dev.polyboot.core.install.PolybootVersion;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"polyboot " + PolybootVersion.get(), "Java " + System.getProperty("java.version")};
    }
}
