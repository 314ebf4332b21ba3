package dev.polyboot.cli;

import dev.polyboot.core.api.Polyboot;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"polyboot " + Polyboot.version(), "Java " + System.getProperty("java.version")};
    }
}
