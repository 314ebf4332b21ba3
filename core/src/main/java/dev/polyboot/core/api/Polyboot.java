package dev.polyboot.core.api;

import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.catalog.ImageClassifier;
import dev.polyboot.core.catalog.ImageReport;
import dev.polyboot.core.config.StickConfig;
import dev.polyboot.core.device.DeviceInfo;
import dev.polyboot.core.device.DeviceLister;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.core.images.AddResult;
import dev.polyboot.core.images.AddedImage;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.images.PersistenceFiles;
import dev.polyboot.core.persistence.PersistenceBinding;
import dev.polyboot.core.persistence.PersistenceFamily;
import dev.polyboot.core.install.StickInspector;
import dev.polyboot.core.install.StickVerifier;
import dev.polyboot.core.layout.LayoutException;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.core.qemu.Display;
import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuOptions;
import dev.polyboot.core.qemu.QemuRunner;
import dev.polyboot.core.qemu.QemuTimeoutException;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * polyboot's operations, one entry point each, for every front end. Writing operations are plan → confirm → apply →
 * verify ({@link #installPlan}/{@link #install}, {@link #updatePlan}/{@link #update}); the others are single calls
 * returning records. All safety checks are made here; a front end renders, asks and reports progress through the one
 * {@link ProgressListener}.
 */
public final class Polyboot {
    private final Environment env;

    public Polyboot(Environment env) {
        this.env = env;
    }

    public static Polyboot system() {
        return new Polyboot(Environment.system());
    }

    /** This build's version ("0.4.0"). */
    public static String version() {
        return dev.polyboot.core.install.PolybootVersion.get();
    }

    /**
     * {@code keys init}: the user's Secure Boot keys (an X.509 code-signing key and certificate for shim, an OpenPGP key
     * for GRUB), made when the key directory has none; private parts 0600 on this computer, never on a stick.
     */
    public SecureBootSetup keysInit() throws IOException {
        return SecureBootSetup.of(dev.polyboot.core.secureboot.UserKeys.openOrCreate(keysDirectory()));
    }

    /**
     * {@code keys init --passphrase}: as {@link #keysInit()}, both private keys encrypted with {@code passphrase} (one
     * line, at most {@value dev.polyboot.core.secureboot.KeyPassphrases#MAX_CHARS} characters). Existing keys are
     * refused rather than shown: their passphrase is not what the user asked for.
     */
    public SecureBootSetup keysInit(char[] passphrase) throws IOException, RefusedException {
        Path dir = keysDirectory();
        if (passphrase != null && dev.polyboot.core.secureboot.UserKeys.open(dir).isPresent()) {
            throw new RefusedException("refused: keys exist in " + dir + "; their passphrase is not changed",
                    "keep using them, or move " + dir + " away and run keys init --passphrase again (sticks made with the old keys"
                            + " then need polyboot update, and each computer the new certificate)");
        }
        return SecureBootSetup.of(dev.polyboot.core.secureboot.UserKeys.openOrCreate(dir, passphrase));
    }

    /**
     * Checks the passphrase of the user's protected keys and keeps it for this process, so that later signing asks no
     * more ({@code polyboot web} at start). Keys without a passphrase, or no keys, need nothing.
     */
    public void unlockKeys(char[] passphrase) throws IOException {
        Optional<dev.polyboot.core.secureboot.UserKeys> k = dev.polyboot.core.secureboot.UserKeys.open(keysDirectory());
        if (k.isPresent()) dev.polyboot.core.secureboot.KeyPassphrases.unlock(k.get(), passphrase);
    }

    /** Environment variable naming a file (mode 0600) whose first line is the passphrase of protected keys. */
    public static final String KEY_PASSPHRASE_FILE = dev.polyboot.core.secureboot.KeyPassphrases.ENV_FILE;

    /**
     * How this process asks for the passphrase of protected keys when it first signs: {@code ask} gets the key
     * directory and returns what was typed, or null when nobody can be asked; null: never ask (a server's jobs).
     */
    public static void keyPassphrasePrompt(java.util.function.Function<Path, char[]> ask) {
        dev.polyboot.core.secureboot.KeyPassphrases.prompt(ask == null ? null : ask::apply);
    }

    /** Whether the user's keys exist and are protected by a passphrase (a front end then asks for it up front). */
    public boolean keysNeedPassphrase() throws IOException {
        return dev.polyboot.core.secureboot.UserKeys.open(keysDirectory()).map(dev.polyboot.core.secureboot.UserKeys::passphraseProtected)
                .orElse(false);
    }

    /** {@code keys show}: the user's keys, or a failure naming the directory when there are none. */
    public SecureBootSetup keys() throws IOException {
        return SecureBootSetup.of(existingKeys());
    }

    /**
     * {@code keys export-cert}: the certificate shim is asked to trust, written to {@code to} as DER (what MokManager and
     * {@code mokutil --import} take) or PEM; an existing file is never overwritten.
     */
    public Path keysExportCertificate(Path to, boolean pem) throws IOException, RefusedException {
        dev.polyboot.core.secureboot.UserKeys k = existingKeys();
        if (Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException("refused: " + to + " exists", "give a new file name (polyboot never overwrites it)");
        }
        byte[] bytes = pem ? Files.readAllBytes(k.certificatePem()) : k.certificateDer();
        Files.write(to, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
        return to;
    }

    private static Path keysDirectory() {
        return dev.polyboot.core.secureboot.UserKeys.defaultDirectory();
    }

    private static dev.polyboot.core.secureboot.UserKeys existingKeys() throws IOException {
        Path dir = keysDirectory();
        return dev.polyboot.core.secureboot.UserKeys.open(dir).orElseThrow(() -> new NoSuchTargetException(
                "no Secure Boot keys in " + dir, "polyboot keys init makes them (install does too); POLYBOOT_KEYS picks another directory"));
    }

    /** Install's plan: the layout and every refusal the real run would give, nothing written. */
    public InstallPlan installPlan(InstallOptions o) throws IOException, LayoutException {
        return new Installs(env).plan(o);
    }

    /**
     * Applies an install plan: refuses a refused or unconfirmed plan, re-runs the safety checks right before the
     * first write, writes, and reads the stick back uncached.
     */
    public InstallResult install(InstallPlan plan, Confirmation yes, ProgressListener progress)
            throws IOException, RefusedException, LayoutException {
        return new Installs(env).apply(plan, yes, progress);
    }

    /**
     * Update's plan: which stick, the refusals the real run would give. A stick without Secure Boot is set up for it
     * (as install does by default; the user's keys are made if missing); see {@link #updatePlan(String, MenuConsole, boolean)}.
     */
    public UpdatePlan updatePlan(String target, MenuConsole console) throws IOException {
        return updatePlan(target, console, true);
    }

    /**
     * Update's plan; {@code secureBoot} false ({@code --no-secure-boot}) leaves a stick without Secure Boot as it is (a
     * stick with it always keeps it: taking it away is {@code install --no-secure-boot}).
     */
    public UpdatePlan updatePlan(String target, MenuConsole console, boolean secureBoot) throws IOException {
        return new Updates(env).plan(target, console, secureBoot);
    }

    /** Applies an update plan (checks again under the stick's lock), then verifies. */
    public UpdateOutcome update(UpdatePlan plan, Confirmation yes, ProgressListener progress) throws IOException, RefusedException {
        return new Updates(env).apply(plan, yes, progress);
    }

    /** The target a command would act on, for the confirmation of commands without a plan (refresh). */
    public TargetDescription describe(String target) throws IOException, RefusedException {
        Target t = existing(target);
        return TargetDescription.of(t, t instanceof Target.Device d ? nowOn(d) : Optional.empty());
    }

    /** Reads the stick back from the device (not the page cache) and checks everything. */
    public VerifyResult verify(String target) throws IOException, RefusedException {
        return verify(target, false, ProgressListener.NONE);
    }

    /**
     * Reads the stick back past the page cache and checks it; with {@code full} also every file of the data partition,
     * each image against the SHA-256 {@code add} recorded.
     */
    public VerifyResult verify(String target, boolean full, ProgressListener progress) throws IOException, RefusedException {
        Target t = existing(target);
        env.guard().checkDataAccess(t);
        VerifyResult r;
        try (BlockDevice dev = TargetResolver.openUncached(t)) {
            r = VerifyResult.of(target, new StickVerifier(env.clock()).verify(dev, Payload.load()));
        }
        if (!full) return r;
        try {
            return r.withFiles(VerifyResult.Files.of(library().verifyFiles(t, progress)));
        } catch (IOException e) {
            return r.withFiles(VerifyResult.Files.unreadable(String.valueOf(e.getMessage())));
        }
    }

    /** What the disk or image is: layout, sizes, free space, installed version. */
    public StickReport info(String target) throws IOException, RefusedException {
        Target t = existing(target);
        try (BlockDevice dev = TargetResolver.open(t, true)) {
            return StickReport.of(target, new StickInspector(env.clock()).inspect(dev));
        }
    }

    /** The images in boot-menu order, read through the OS's mount of the data partition when it is mounted. */
    public ImageList list(String target, ProgressListener warnings) throws IOException, RefusedException {
        Target t = existing(target);
        List<ImageEntry> images = library().list(t, warnings).stream().map(ImageEntry::of).toList();
        List<PersistenceFile> persistence;
        try {
            persistence = persistenceList(target, warnings).files();
        } catch (IOException e) {
            // a broken /.polyboot/bindings.json must not hide the images; persistence list names the problem
            warnings.warning(e.getMessage() + "; persistence files not shown");
            persistence = List.of();
        }
        return new ImageList(target, images, persistence);
    }

    /** Copies files onto the data partition (checks all first; SHA-256 verified; catalogued one by one). */
    public AddOutcome add(String target, List<Path> files, String toDir, boolean force, ProgressListener progress)
            throws IOException, RefusedException {
        Target t = existing(target);
        String dir = toDir.startsWith("/") ? toDir : "/" + toDir;
        AddResult r = library().add(t, files, dir, force, progress);
        // the entries as list shows them now, so that add and list agree on every field
        Map<String, MenuItem> listed = r.added().isEmpty() ? Map.of() : library().list(t, ProgressListener.NONE).stream()
                .collect(Collectors.toMap(MenuItem::path, Function.identity(), (a, b) -> a));
        List<AddOutcome.Added> added = new ArrayList<>();
        for (int i = 0; i < r.added().size(); i++) {
            AddedImage a = r.added().get(i);
            added.add(new AddOutcome.Added(sourceOf(files, a), entry(a, listed.get(a.path())), a.sha256(), a.viaMount(),
                    a.report() == null ? null : new CataloguedImage(entry(a, listed.get(a.path())), a.report().title(),
                            a.report().reason(), a.report().notes())));
        }
        return new AddOutcome(target, added, r.failed().stream()
                .map(f -> new AddOutcome.NotAdded(f.source().toString(), f.reason(), f.verificationFailed())).toList());
    }

    /**
     * {@link #add} of one file that arrives as a stream of exactly {@code size} bytes, with no copy on this computer
     * (polyboot web's upload). Checks that need no content come first; the content is checked on the stick's verified
     * copy, which is removed again when it is no bootable image (unless {@code force}). One file: a failure throws.
     */
    public AddOutcome add(String target, InputStream in, String name, long size, String toDir, boolean force,
                          ProgressListener progress) throws IOException, RefusedException {
        Target t = existing(target);
        String dir = toDir.startsWith("/") ? toDir : "/" + toDir;
        AddedImage a = library().addStream(t, name, size, in, dir, force, progress);
        MenuItem listed = library().list(t, ProgressListener.NONE).stream().filter(m -> m.path().equals(a.path())).findFirst()
                .orElse(null);
        ImageEntry e = entry(a, listed);
        return new AddOutcome(target, List.of(new AddOutcome.Added(name, e, a.sha256(), a.viaMount(), a.report() == null ? null
                : new CataloguedImage(e, a.report().title(), a.report().reason(), a.report().notes()))), List.of());
    }

    private static String sourceOf(List<Path> files, AddedImage a) {
        String name = a.path().substring(a.path().lastIndexOf('/') + 1);
        return files.stream().filter(f -> f.getFileName().toString().equals(name)).findFirst().map(Path::toString).orElse(name);
    }

    private static ImageEntry entry(AddedImage a, MenuItem listed) {
        if (listed != null) return ImageEntry.of(listed);
        String name = a.path().substring(a.path().lastIndexOf('/') + 1);
        // not in the menu (not an image type, or hidden): no title, route or modes
        return new ImageEntry(a.path(), null, a.size(), dev.polyboot.core.boot.ImageKind.of(name)
                .map(k -> ImageEntry.lower(k.name())).orElse(null), null, List.of(), null, false);
    }

    /** Deletes a file or empty directory from the data partition and its catalogue entry. */
    public RemoveResult remove(String target, String path, ProgressListener progress) throws IOException, RefusedException {
        Target t = existing(target);
        String p = path.startsWith("/") ? path : "/" + path;
        library().remove(t, p, progress);
        return new RemoveResult(target, p);
    }

    /**
     * Classifies every image on the data partition and rewrites the catalogue. A disk's catalogue is rewritten only
     * with a person's yes ({@link #describe} tells whether it is a disk).
     */
    public RefreshResult refresh(String target, Confirmation yes, ProgressListener progress) throws IOException, RefusedException {
        Target t = existing(target);
        if (t instanceof Target.Device && !yes.covers(TargetDescription.of(t, Optional.empty()))) {
            throw new RefusedException("not confirmed: rewriting the catalogue of " + target, "type yes to go ahead, or use --yes");
        }
        Catalog c = library().refresh(t, progress);
        Map<String, MenuItem> listed = library().list(t, ProgressListener.NONE).stream()
                .collect(Collectors.toMap(MenuItem::path, Function.identity(), (a, b) -> a));
        List<CataloguedImage> images = new ArrayList<>();
        for (CatalogEntry e : c.entries()) {
            MenuItem m = listed.get(e.path());
            images.add(new CataloguedImage(m != null ? ImageEntry.of(m) : ImageEntry.of(e), e.title(), e.reason(), e.notes()));
        }
        return new RefreshResult(target, images);
    }

    /**
     * The stick's {@code /polyboot.json} ({@code config show} / {@code config validate}); a file that is not valid throws
     * its one-line message naming the key and the line.
     */
    public StickConfiguration config(String target) throws IOException, RefusedException {
        Target t = existing(target);
        Optional<StickConfig> c = library().config(t);
        return StickConfiguration.of(target, c.isPresent(), c.orElse(StickConfig.NONE));
    }

    /**
     * Sets one key of the stick's {@code /polyboot.json} ({@code timeout}, {@code default}, {@code alias./PATH},
     * {@code hidden./PATH}; an empty value removes it) under the stick's lock and renders the menu's catalogue again.
     */
    public StickConfiguration setConfig(String target, String key, String value, ProgressListener progress)
            throws IOException, RefusedException {
        Target t = existing(target);
        return StickConfiguration.of(target, true, library().setConfig(t, key, value, progress));
    }

    /**
     * {@link #setConfig} for {@code password} or {@code password./PATH} with the password itself: it is hashed here
     * (GRUB PBKDF2, {@link dev.polyboot.core.config.GrubPassword}) and only the hash is written; the array is cleared.
     */
    public StickConfiguration setConfigPassword(String target, String key, char[] password, ProgressListener progress)
            throws IOException, RefusedException {
        if (!key.equals("password") && !key.startsWith("password.")) {
            throw new IllegalArgumentException("\"" + key + "\" is not a password key: use password or password./PATH");
        }
        try {
            return setConfig(target, key, dev.polyboot.core.config.GrubPassword.hash(password), progress);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** {@code config edit}: the text of the stick's {@code /polyboot.json}, or empty when it has none. */
    public Optional<String> configText(String target) throws IOException, RefusedException {
        return library().configBytes(existing(target)).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * {@code config edit}'s check before writing: the one-line problem of {@code json} as {@code /polyboot.json} (key and
     * line), or empty when it is valid.
     */
    public static Optional<String> configProblem(String json) {
        try {
            dev.polyboot.core.config.StickConfigReader.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Optional.empty();
        } catch (dev.polyboot.core.config.ConfigException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * {@code config edit}: replaces {@code /polyboot.json} with {@code json} after checking it (a problem throws
     * {@link dev.polyboot.core.config.ConfigException} with key and line, and nothing is written), then renders the menu.
     */
    public StickConfiguration replaceConfig(String target, String json, ProgressListener progress) throws IOException, RefusedException {
        Target t = existing(target);
        return StickConfiguration.of(target, true,
                library().replaceConfig(t, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), progress));
    }

    /**
     * {@code config import}: the settings of a Ventoy {@code ventoy.json} written into the stick's {@code /polyboot.json}
     * (and the menu rendered again); the result lists what was converted and every key that was not, with why.
     */
    public VentoyImportReport importVentoy(String target, Path ventoyJson, ProgressListener progress) throws IOException, RefusedException {
        Target t = existing(target);
        if (!Files.isRegularFile(ventoyJson)) {
            throw new NoSuchTargetException("no such file: " + ventoyJson, "give the path of a ventoy.json (on a Ventoy stick: /ventoy/ventoy.json)");
        }
        if (Files.size(ventoyJson) > dev.polyboot.core.config.StickConfig.MAX_BYTES) {
            throw new dev.polyboot.core.config.ConfigException(ventoyJson + ": " + Files.size(ventoyJson) + " bytes, more than a ventoy.json has");
        }
        return importVentoy(t, target, Files.readAllBytes(ventoyJson), progress);
    }

    /**
     * {@link #importVentoy(String, Path, ProgressListener)} for the text of a ventoy.json that is not a file here (the
     * web page sends it); at most {@link VentoyImportReport#MAX_BYTES} bytes.
     */
    public VentoyImportReport importVentoy(String target, byte[] ventoyJson, ProgressListener progress) throws IOException, RefusedException {
        Target t = existing(target);
        if (ventoyJson.length > VentoyImportReport.MAX_BYTES) {
            throw new dev.polyboot.core.config.ConfigException("ventoy.json: " + ventoyJson.length + " bytes, more than a ventoy.json has");
        }
        return importVentoy(t, target, ventoyJson, progress);
    }

    private VentoyImportReport importVentoy(Target t, String target, byte[] bytes, ProgressListener progress) throws IOException, RefusedException {
        dev.polyboot.core.config.VentoyImport.Result r = library().importVentoy(t, bytes, progress);
        return new VentoyImportReport(StickConfiguration.of(target, true, r.config()), r.converted(),
                r.unconverted().stream().map(u -> new VentoyImportReport.Unconverted(u.key(), u.why())).toList(), r.notes());
    }

    /** What image files on this computer are and how the menu would boot them; no stick needed. */
    public Inspection inspect(List<Path> files) throws IOException {
        List<ImageReport> reports = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new NoSuchTargetException("no such file: " + f, "give the path of an image file, e.g. polyboot inspect debian.iso");
            }
            reports.add(ImageClassifier.classify(f));
        }
        return new Inspection(reports);
    }

    /** The disks of this machine, or of a copy of /sys, /dev and /proc under {@code sysroot} (null: this machine). */
    public DeviceList devices(Path sysroot) throws IOException {
        DeviceLister lister = sysroot == null ? env.lister() : DeviceLister.under(sysroot, env.clock());
        return new DeviceList(lister.list());
    }

    /** How {@link #tryBoot} will boot the stick; warns when its menu will not be visible here. */
    public TryPlan tryPlan(String target, boolean uefi, Integer timeoutSeconds) throws IOException, RefusedException {
        Target t = env.resolver().resolve(target);
        if (t instanceof Target.ImageFile && !Files.isRegularFile(t.path())) {
            throw new NoSuchTargetException("no such image: " + t.path(), "create one with 'polyboot install " + t.path()
                    + " --size 8G' or 'polyboot demo'");
        }
        if (timeoutSeconds != null && timeoutSeconds <= 0) throw new IllegalArgumentException("--timeout must be positive");
        QemuOptions o = QemuOptions.of(t.path(), uefi ? Firmware.UEFI : Firmware.BIOS).withDisplay(Display.GUI).withSnapshot(true);
        if (timeoutSeconds != null) o = o.withTimeout(Duration.ofSeconds(timeoutSeconds));
        boolean unseen = !QemuRunner.detect().host().graphicalSession() && "screen".equals(menuConsole(t));
        return new TryPlan(target, uefi, timeoutSeconds, unseen, o);
    }

    /** Boots the stick in QEMU, interactively on this terminal or in a window; {@code notes} gets QEMU's remarks. */
    public TryOutcome tryBoot(TryPlan plan, Consumer<String> notes) throws IOException {
        try {
            return new TryOutcome(QemuRunner.detect().runInteractive(plan.qemu(), notes::accept), false);
        } catch (QemuTimeoutException e) {
            return new TryOutcome(0, true); // --timeout asked for exactly this
        }
    }

    /** Where the stick's menu shows (screen, serial, both), or null when that cannot be read. */
    private String menuConsole(Target t) {
        try (BlockDevice dev = TargetResolver.open(t, true)) {
            return new StickInspector(env.clock()).inspect(dev).console();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code persistence create}: a contiguous, fully written file holding ext4 laid out for {@code image}'s family,
     * bound to the image; the menu then offers the image "with persistence" (default) and "without". Refused (nothing
     * written) for an image that is not catalogued, a family that cannot persist, a name taken, too little room.
     */
    public PersistenceList persistenceCreate(String target, String image, String size, String name, ProgressListener progress)
            throws IOException, RefusedException {
        long sizeBytes = size == null ? PersistenceFiles.DEFAULT_SIZE : dev.polyboot.core.layout.Sizes.parse(size);
        Target t = existing(target);
        PersistenceFiles.Created c = persistence().create(t, image, sizeBytes, name, progress);
        staleHelperWarning(target, progress);
        return new PersistenceList(target, List.of(persistenceFile(c.image(), c.binding(), c.extents() < 0 ? null : c.extents(), true, true)));
    }

    /** {@code persistence list}: every image's persistence file and whether file and image are still there. */
    public PersistenceList persistenceList(String target, ProgressListener warnings) throws IOException, RefusedException {
        Target t = existing(target);
        return new PersistenceList(target, persistence().list(t, warnings).stream()
                .map(l -> persistenceFile(l.image(), l.binding(), l.extents(), l.fileExists(), l.imageCatalogued())).toList());
    }

    /** {@code persistence remove}: the binding and (unless {@code keepFile}) the file; the menu loses the entries. */
    public PersistenceList persistenceRemove(String target, String image, boolean keepFile, ProgressListener progress)
            throws IOException, RefusedException {
        Target t = existing(target);
        PersistenceBinding b = persistence().remove(t, image, keepFile, progress);
        String img = image.startsWith("/") ? image : "/" + image;
        return new PersistenceList(target, List.of(persistenceFile(img, b, null, keepFile, true)));
    }

    /**
     * A stick whose initramfs helper is not this build's (made by an older polyboot) would ignore polyboot.pfile: the
     * "with persistence" entry would then boot without persistence, which is exactly the silent failure to avoid.
     */
    private void staleHelperWarning(String target, ProgressListener progress) {
        try {
            String ours = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Payload.load().pbinit()));
            boolean same = info(target).payload().stream()
                    .anyMatch(f -> f.name().equals(Payload.PBINIT) && ours.equalsIgnoreCase(f.sha256()));
            if (!same) {
                progress.warning("the stick's initramfs helper is not this polyboot's: run 'polyboot update " + target
                        + "', else the menu's \"with persistence\" entry may boot without persistence");
            }
        } catch (IOException | RefusedException | java.security.NoSuchAlgorithmException | RuntimeException e) {
            progress.warning("could not compare the stick's initramfs helper with this polyboot's (" + e.getMessage() + ")");
        }
    }

    private static PersistenceFile persistenceFile(String image, PersistenceBinding b, Integer extents, boolean exists, boolean catalogued) {
        boolean tested = PersistenceFamily.of(b.family()).map(PersistenceFamily::bootTested).orElse(false);
        return new PersistenceFile(image, b.file(), b.family(), b.label(), b.sizeBytes(), b.fingerprint(), b.ext4Uuid(), extents,
                exists, catalogued, tested);
    }

    private PersistenceFiles persistence() {
        return new PersistenceFiles(library(), env.clock(), new java.security.SecureRandom(),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    ImageLibrary library() {
        return new ImageLibrary(env.guard(), env.clock(), env.version(), env.locks())
                .withSigning(dev.polyboot.core.secureboot.StickSigning.system(env.clock()));
    }

    /** Resolves TARGET and checks it exists: commands other than install never create images. */
    Target existing(String arg) throws IOException, RefusedException {
        Target t = env.resolver().resolve(arg);
        if (t instanceof Target.ImageFile && !Files.isRegularFile(t.path())) {
            throw new NoSuchTargetException("no such file: " + t.path(), "create a stick image with 'polyboot install "
                    + t.path() + " --size 8G'");
        }
        return t;
    }

    /** What the disk holds now, as {@code devices} shows it; empty when it cannot be read (it only informs). */
    Optional<DeviceInfo> nowOn(Target.Device d) {
        try {
            return env.lister().describe(d.node().name());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
