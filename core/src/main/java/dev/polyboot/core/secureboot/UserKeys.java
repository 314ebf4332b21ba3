package dev.polyboot.core.secureboot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The user's own Secure Boot keys, on the host and never on a stick (issue 12): an X.509 RSA-2048 code-signing
 * certificate and key (shim trusts what it signs once the certificate is in MokList: polyboot's GRUB, later the
 * kernels the user approves) and an OpenPGP RSA-3072 key in a private GNUPGHOME (GRUB checks the detached
 * signatures it makes on everything it reads under {@code check_signatures=enforce}; GRUB 2.06's pgp module knows
 * RSA and DSA only, not ed25519).
 *
 * <p>Created on first use, in one step: everything is made in a sibling directory that is renamed into place, so
 * a half-made key set is never found. The directory is 0700, private files 0600.
 *
 * <p>With a passphrase ({@code keys init --passphrase}) both private keys are encrypted with it: the X.509 key as
 * PKCS#8 with AES-256-CBC, the OpenPGP key by gpg's own protection. Every signing step then gets it from
 * {@link KeyPassphrases}, hands it to openssl and gpg on standard input (never on a command line), and gives
 * {@code sbsign} (which would prompt on the terminal for an encrypted key) the decrypted key through a FIFO: the
 * plain key is never written to a file.
 */
public final class UserKeys {
    /** Environment variable that names the key directory (tests, several identities). */
    public static final String ENV_DIRECTORY = "POLYBOOT_KEYS";
    static final String PRIVATE_KEY = "signing.key";
    private static final String ENCRYPTED_PEM = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
    static final String CERTIFICATE_PEM = "signing.crt";
    /** DER copy: what MokManager's "Enroll key from disk" reads, copied to the stick's boot partition. */
    static final String CERTIFICATE_DER = "polyboot.cer";
    static final String GNUPG_HOME = "gnupg";
    /** Binary (non-armoured) export: what grub-mkstandalone --pubkey expects. */
    static final String OPENPGP_PUBLIC = "openpgp.pub";
    static final String OPENPGP_FINGERPRINT = "openpgp.fpr";
    private static final int CN_MAX = 64;

    private final Path dir;
    private final boolean created;
    private final X509Certificate certificate;
    private final byte[] certificateDer;
    private final String openPgpFingerprint;
    private final boolean passphraseProtected;

    private UserKeys(Path dir, boolean created) throws IOException {
        this.dir = dir;
        this.created = created;
        this.passphraseProtected = startsWith(dir.resolve(PRIVATE_KEY), ENCRYPTED_PEM);
        this.certificateDer = Files.readAllBytes(dir.resolve(CERTIFICATE_DER));
        this.certificate = parse(certificateDer);
        this.openPgpFingerprint = Files.readString(dir.resolve(OPENPGP_FINGERPRINT), StandardCharsets.US_ASCII).strip();
        if (!openPgpFingerprint.matches("[0-9A-F]{40}")) {
            throw new SecureBootException("the OpenPGP fingerprint in " + dir.resolve(OPENPGP_FINGERPRINT) + " is damaged",
                    "move " + dir + " away; polyboot then makes new keys (sticks made with the old ones can be updated only with the old directory back)");
        }
    }

    /** {@link #defaultDirectory(Map)} of this process's environment: where this computer's keys are. */
    public static Path defaultDirectory() {
        return defaultDirectory(System.getenv());
    }

    /** {@code $POLYBOOT_KEYS}, else {@code $XDG_CONFIG_HOME/polyboot/keys}, else {@code ~/.config/polyboot/keys}. */
    public static Path defaultDirectory(Map<String, String> env) {
        String explicit = env.get(ENV_DIRECTORY);
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("polyboot").resolve("keys");
    }

    /** The keys in {@code dir}, if a complete set is there. */
    public static Optional<UserKeys> open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return Optional.empty();
        for (String f : List.of(PRIVATE_KEY, CERTIFICATE_PEM, CERTIFICATE_DER, OPENPGP_PUBLIC, OPENPGP_FINGERPRINT, GNUPG_HOME)) {
            if (!Files.exists(dir.resolve(f))) {
                throw new SecureBootException("the key directory " + dir + " is incomplete: " + f + " is missing",
                        "move " + dir + " away; polyboot then makes new keys (sticks made with the old ones can be updated only with the old directory back)");
            }
        }
        return Optional.of(new UserKeys(dir, false));
    }

    /** The keys in {@code dir}, made there first (without a passphrase) if there are none ({@link #created()} then says so). */
    public static UserKeys openOrCreate(Path dir) throws IOException {
        return openOrCreate(dir, null);
    }

    /**
     * The keys in {@code dir}, made there first if there are none, protected by {@code passphrase} when it is not null
     * (existing keys are returned as they are: their passphrase is not changed).
     */
    public static UserKeys openOrCreate(Path dir, char[] passphrase) throws IOException {
        Optional<UserKeys> existing = open(dir);
        if (existing.isPresent()) return existing.get();
        if (passphrase != null) KeyPassphrases.validate(passphrase);
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path work = parent.resolve(dir.getFileName() + ".new-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectory(work, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            generate(work, passphrase);
            try {
                Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // another polyboot made keys at the same moment: use those (the fresh ones were never used)
                if (open(dir).isEmpty()) throw e;
                return open(dir).orElseThrow();
            }
        } finally {
            if (Files.exists(work)) deleteTree(work);
        }
        UserKeys made = new UserKeys(dir, true);
        if (passphrase != null) KeyPassphrases.unlock(made, passphrase);
        return made;
    }

    private static void generate(Path work, char[] passphrase) throws IOException {
        Path key = work.resolve(PRIVATE_KEY);
        // made 0600 before openssl writes into it (openssl keeps the mode of an existing file)
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String who = identity();
        List<String> certificate = List.of("-sha256", "-days", "3650", "-subj", "/CN=" + commonName(who) + "/",
                "-addext", "extendedKeyUsage=codeSigning", "-out", work.resolve(CERTIFICATE_PEM).toString());
        byte[] line = passphrase == null ? null : KeyPassphrases.stdinLine(passphrase);
        if (line == null) {
            List<String> req = new ArrayList<>(List.of("openssl", "req", "-new", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", key.toString()));
            req.addAll(certificate);
            ExternalTool.run(req, Map.of(), "openssl");
        } else {
            // the key is written encrypted from the start (genpkey), then the certificate is made with it
            ExternalTool.run(List.of("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                    "-aes-256-cbc", "-pass", "stdin", "-out", key.toString()), Map.of(), "openssl", line);
            List<String> req = new ArrayList<>(List.of("openssl", "req", "-new", "-x509", "-key", key.toString(), "-passin", "stdin"));
            req.addAll(certificate);
            ExternalTool.run(req, Map.of(), "openssl", line);
        }
        ExternalTool.run(List.of("openssl", "x509", "-in", work.resolve(CERTIFICATE_PEM).toString(), "-outform", "DER",
                "-out", work.resolve(CERTIFICATE_DER).toString()), Map.of(), "openssl");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        Path home = work.resolve(GNUPG_HOME);
        Files.createDirectory(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            List<String> gen = List.of("--quick-gen-key", "polyboot stick signing key (" + who + ")", "rsa3072", "sign", "never");
            Gpg.runWithKey(home, gen, line);
            String fpr = Gpg.fingerprint(home);
            Gpg.run(home, List.of("--output", work.resolve(OPENPGP_PUBLIC).toString(), "--export", fpr));
            Files.writeString(work.resolve(OPENPGP_FINGERPRINT), fpr + "\n", StandardCharsets.US_ASCII);
        } finally {
            Gpg.stopAgent(home);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static boolean startsWith(Path file, String prefix) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(prefix.length()), StandardCharsets.US_ASCII).equals(prefix);
        }
    }

    /** True when the private keys are encrypted with a passphrase ({@code keys init --passphrase}). */
    public boolean passphraseProtected() { return passphraseProtected; }

    /** Whether {@code passphrase} decrypts the X.509 private key (openssl, passphrase on standard input). */
    boolean passphraseWorks(char[] passphrase) throws SecureBootException {
        return ExternalTool.status(List.of("openssl", "pkey", "-in", privateKey().toString(), "-passin", "stdin", "-noout"),
                "openssl", KeyPassphrases.stdinLine(passphrase)) == 0;
    }

    /** Directory holding the keys. */
    public Path directory() { return dir; }

    /** True when this call made the keys (install then says where they are). */
    public boolean created() { return created; }

    public Path privateKey() { return dir.resolve(PRIVATE_KEY); }

    public Path certificatePem() { return dir.resolve(CERTIFICATE_PEM); }

    public Path certificateDerFile() { return dir.resolve(CERTIFICATE_DER); }

    public Path openPgpPublicKey() { return dir.resolve(OPENPGP_PUBLIC); }

    Path gnupgHome() { return dir.resolve(GNUPG_HOME); }

    /** The certificate in DER, as MokManager enrols it. */
    public byte[] certificateDer() { return certificateDer.clone(); }

    /** The certificate's subject, e.g. {@code CN=polyboot user key alice@laptop}. */
    public String subject() { return certificate.getSubjectX500Principal().getName(); }

    /** SHA-256 of the certificate (DER), upper-case hex pairs joined by colons, as openssl prints it. */
    public String certificateFingerprint() { return fingerprint(certificateDer); }

    /** The OpenPGP key's v4 fingerprint, 40 upper-case hex digits. */
    public String openPgpFingerprint() { return openPgpFingerprint; }

    /**
     * Detached OpenPGP signatures (binary, SHA-256) of {@code files}, path to signature bytes, for GRUB's
     * {@code check_signatures=enforce}: it reads {@code FILE.sig} beside every file it opens.
     */
    public Map<String, byte[]> detachedSignatures(Map<String, byte[]> files) throws IOException {
        byte[] line = passphraseProtected ? KeyPassphrases.stdinLine(KeyPassphrases.of(this)) : null;
        Path tmp = Files.createTempDirectory("polyboot-sign-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            int n = 0;
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path in = tmp.resolve("f" + n);
                Path sig = tmp.resolve("f" + n + ".sig");
                n++;
                Files.write(in, f.getValue());
                List<String> sign = List.of("--local-user", openPgpFingerprint, "--digest-algo", "SHA256",
                        "--output", sig.toString(), "--detach-sign", in.toString());
                Gpg.runWithKey(gnupgHome(), sign, line);
                out.put(f.getKey(), Files.readAllBytes(sig));
            }
        } finally {
            Gpg.stopAgent(gnupgHome());
            deleteTree(tmp);
        }
        return out;
    }

    /**
     * {@code program} (a PE image) signed with the user's X.509 code-signing key by {@code sbsign}: the approval shim
     * checks (against MokList) when GRUB chainloads it. An existing signature is kept beside the new one.
     */
    public byte[] signEfiProgram(byte[] program) throws IOException {
        Path tmp = Files.createTempDirectory("polyboot-sign-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path in = Files.write(tmp.resolve("program.efi"), program);
            Path out = tmp.resolve("program.signed.efi");
            sbsign(in, out);
            return Files.readAllBytes(out);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * {@code sbsign} of {@code in} to {@code out} with the X.509 key. A protected key reaches sbsign through a FIFO in a
     * private temporary directory that {@code openssl pkey} writes the decrypted key into: sbsign would ask on the
     * terminal itself, and the plain key must not be written to a file.
     */
    void sbsign(Path in, Path out) throws IOException {
        List<String> tail = List.of("--cert", certificatePem().toString(), "--output", out.toString(), in.toString());
        if (!passphraseProtected) {
            ExternalTool.run(concat(List.of("sbsign", "--key", privateKey().toString()), tail), Map.of(), "sbsigntool");
            return;
        }
        byte[] line = KeyPassphrases.stdinLine(KeyPassphrases.of(this));
        Path tmp = Files.createTempDirectory("polyboot-key-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Process feeder = null;
        try {
            Path fifo = tmp.resolve("key.pem");
            ExternalTool.run(List.of("mkfifo", "-m", "600", fifo.toString()), Map.of(), "coreutils");
            feeder = ExternalTool.start(List.of("openssl", "pkey", "-in", privateKey().toString(), "-passin", "stdin",
                    "-out", fifo.toString()), "openssl", line);
            ExternalTool.run(concat(List.of("sbsign", "--key", fifo.toString()), tail), Map.of(), "sbsigntool");
        } finally {
            if (feeder != null) feeder.destroyForcibly();
            deleteTree(tmp);
        }
    }

    /** SHA-256 fingerprint of a DER certificate, {@code AB:CD:…}. */
    public static String fingerprint(byte[] der) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static X509Certificate parse(byte[] der) throws SecureBootException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new SecureBootException("not an X.509 certificate: " + e.getMessage(),
                    "move the key directory away; polyboot then makes new keys", e);
        }
    }

    /** user@host, reduced to characters that need no escaping in an X.500 name or an OpenPGP user id. */
    static String identity() {
        String user = System.getProperty("user.name", "user");
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return (user + "@" + host).replaceAll("[^A-Za-z0-9@._-]", "_");
    }

    static String commonName(String who) {
        String cn = "polyboot user key " + who;
        return cn.length() <= CN_MAX ? cn : cn.substring(0, CN_MAX);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Override
    public String toString() {
        return "UserKeys[" + dir + ", " + subject().toLowerCase(Locale.ROOT) + "]";
    }
}
