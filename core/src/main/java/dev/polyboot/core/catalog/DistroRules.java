package dev.polyboot.core.catalog;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Distribution name and version from the texts an ISO carries about itself ({@code /.disk/info},
 * {@code /.treeinfo}, the volume id, its boot menu's first title), tried in that order against each rule in
 * turn. A table, not code: one row per distribution spelling; group 1 of the pattern is the version.
 */
final class DistroRules {
    record Distro(String name, String version) {}

    private record Rule(Pattern pattern, String name) {}

    private static Rule rule(String regex, String name) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), name);
    }

    // Version: digits with dots (12.4.0, 22.04.3, 2024.01.01) or an underscore date (ARCH_202401 -> 202401).
    private static final String V = "[ _-]?v?(\\d+(?:\\.\\d+)*)";

    private static final List<Rule> RULES = List.of(
            rule("^Linux Mint" + V, "Linux Mint"),
            rule("^Pop[_!]?OS" + V, "Pop!_OS"),
            rule("^Kubuntu" + V, "Kubuntu"),
            rule("^Xubuntu" + V, "Xubuntu"),
            rule("^Lubuntu" + V, "Lubuntu"),
            rule("^Ubuntu[- ]MATE" + V, "Ubuntu MATE"),
            rule("^Ubuntu[- ]Budgie" + V, "Ubuntu Budgie"),
            rule("^Ubuntu[- ]Studio" + V, "Ubuntu Studio"),
            rule("^Ubuntu(?:[- ]Server)?" + V, "Ubuntu"),
            rule("^Kali(?: GNU/Linux| Linux| Live)?" + V, "Kali Linux"),
            rule("^Kali", "Kali Linux"),
            rule("^Clonezilla(?:[- ]live)?" + V, "Clonezilla"),
            rule("^Clonezilla", "Clonezilla"),
            rule("^GParted(?:[- ]live)?" + V, "GParted Live"),
            rule("^GParted", "GParted Live"),
            rule("^Tails" + V, "Tails"),
            rule("^TAILS", "Tails"),
            rule("^Debian GNU/Linux" + V, "Debian"),
            rule("^d-live" + V, "Debian"),
            rule("^Debian" + V, "Debian"),
            rule("^Fedora(?:-[A-Za-z]+)*-(\\d+)", "Fedora"),
            rule("^Fedora" + V, "Fedora"),
            rule("^RHEL-(\\d+(?:-\\d+)*)", "Red Hat Enterprise Linux"),
            rule("^Red Hat Enterprise Linux" + V, "Red Hat Enterprise Linux"),
            rule("^Rocky(?:-| Linux )(\\d+(?:[.-]\\d+)*)", "Rocky Linux"),
            rule("^AlmaLinux(?:-| )(\\d+(?:[.-]\\d+)*)", "AlmaLinux"),
            rule("^CentOS(?:-Stream)?(?:-| )(\\d+)", "CentOS"),
            rule("^ARCH_(\\d+)", "Arch Linux"),
            rule("^Arch Linux" + V, "Arch Linux"),
            rule("^EOS_(\\d+)", "EndeavourOS"),
            rule("^EndeavourOS" + V, "EndeavourOS"),
            rule("^SYSRCD(\\d+)", "SystemRescue"),
            rule("^SystemRescue" + V, "SystemRescue"),
            rule("^MANJARO_[A-Z]+_(\\d+)", "Manjaro"),
            rule("^Manjaro" + V, "Manjaro"),
            rule("^openSUSE[-_ ]Leap[-_ ]?(\\d+(?:\\.\\d+)*)", "openSUSE Leap"),
            rule("^openSUSE[-_ ]Tumbleweed", "openSUSE Tumbleweed"),
            rule("^openSUSE", "openSUSE"),
            rule("^alpine[- ][a-z]+[- ](\\d+(?:\\.\\d+)*)", "Alpine Linux"),
            rule("^nixos-[a-z]+-(\\d+(?:\\.\\d+)*)", "NixOS"),
            rule("^Gentoo[ _-](?:amd64[ _-])?(\\d+)", "Gentoo"),
            rule("^(?:Core|TinyCore|CorePlus)" + V, "Tiny Core Linux"),
            rule("^MT86PLUS", "memtest86+"),
            rule("^CCCOMA_|^CPBA_|^CENA_|^SSS_|^J_CCSA_|^ESD-ISO|^Win", "Windows"));

    private DistroRules() {}

    static Optional<Distro> match(List<String> texts) {
        for (String text : texts) {
            if (text == null || text.isBlank()) continue;
            String t = text.strip();
            for (Rule r : RULES) {
                Matcher m = r.pattern.matcher(t);
                if (m.find()) {
                    String version = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : "";
                    return Optional.of(new Distro(r.name, version));
                }
            }
        }
        return Optional.empty();
    }
}
