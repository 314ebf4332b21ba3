package dev.polyboot.core.images;

import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.boot.SecureBootParts;
import dev.polyboot.core.boot.SecureBootScript;
import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.io.ChannelBlockDevice;
import dev.polyboot.formats.iso.IsoEntry;
import dev.polyboot.formats.iso.IsoImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The detached OpenPGP signatures a Secure Boot stick's GRUB checks on the data partition (issue 12, phase 2):
 * {@code catalog.cfg.sig} beside the catalogue (grub.cfg checks it before sourcing it) and, for every initrd a
 * catalogued Linux image loads, {@link SecureBootScript#initrdSignature} over the initrd's bytes exactly as they lie
 * inside the image on the stick (GRUB's verify_detached reads raw bytes: the signed GRUB has no decompressor).
 * The kernel is not signed here: shim checks it (a Debian-signed kernel passes as it is).
 */
final class CatalogSignatures {
    /** Initrds are signed in memory; the largest live initrds are a few hundred MiB. */
    static final int MAX_INITRD_BYTES = 512 << 20;

    private CatalogSignatures() {}

    /** Every file inside {@code e}'s image that the menu loads and checks: the initrds of its recipe and its other entries. */
    static Set<String> signedFilesOf(CatalogEntry e) {
        Set<String> out = new LinkedHashSet<>();
        if (e.recipe() instanceof BootRecipe.Linux l) {
            out.addAll(l.initrds());
            for (BootRecipe.Linux.Entry alt : l.more()) out.addAll(alt.initrds());
        }
        return out;
    }

    /**
     * Signs the initrds of the entries of {@code after} that need it (all with {@code all}, else those new or changed
     * since {@code before} or without a signature yet) and writes their signatures; removes the signatures of images
     * no longer catalogued. Called before catalog.cfg is replaced, so a signature is in place when its entry appears.
     */
    static void writeInitrdSignatures(DataStore store, SecureBootParts.DetachedSigner signer, Catalog before, Catalog after,
                                      boolean all, Consumer<String> warnings) throws IOException {
        Map<String, CatalogEntry> old = new LinkedHashMap<>();
        if (before != null) for (CatalogEntry e : before.entries()) old.put(e.path(), e);
        Set<String> kept = new java.util.HashSet<>();
        for (CatalogEntry e : after.entries()) kept.add(e.path());
        if (all) {
            deleteTree(store, SecureBootScript.SIGNATURE_DIR);
        } else {
            for (String gone : old.keySet()) if (!kept.contains(gone)) deleteTree(store, SecureBootScript.signatureDirOf(gone));
        }
        Map<String, byte[]> toSign = new LinkedHashMap<>();
        for (CatalogEntry e : after.entries()) {
            Set<String> files = signedFilesOf(e);
            if (files.isEmpty()) continue;
            CatalogEntry o = old.get(e.path());
            boolean unchanged = o != null && o.size() == e.size() && Objects.equals(o.sha256(), e.sha256());
            if (!all && unchanged && allPresent(store, e.path(), files)) continue;
            toSign.putAll(readFromImage(store, e.path(), files, warnings));
        }
        if (toSign.isEmpty()) return;
        Map<String, byte[]> sigs = signer.sign(toSign);
        for (String path : toSign.keySet()) {
            byte[] sig = sigs.get(path);
            if (sig == null || sig.length == 0) throw new IOException("no signature was made for " + path);
            store.mkdirs(FsPaths.parent(path));
            replace(store, path, sig);
        }
    }

    /** Signs catalog.cfg (after it was written with exactly these bytes). */
    static void writeCatalogSignature(DataStore store, SecureBootParts.DetachedSigner signer, byte[] catalogCfg) throws IOException {
        byte[] sig = signer.sign(Map.of(CatalogMenu.CFG, catalogCfg)).get(CatalogMenu.CFG);
        if (sig == null || sig.length == 0) throw new IOException("no signature was made for " + CatalogMenu.CFG);
        replace(store, CatalogMenu.CFG + EspContents.SIGNATURE_SUFFIX, sig);
    }

    /** Without a signer a stale signature would only make GRUB refuse the new catalogue as "changed": it goes. */
    static void removeCatalogSignature(DataStore store) throws IOException {
        String sig = CatalogMenu.CFG + EspContents.SIGNATURE_SUFFIX;
        if (store.stat(sig).isPresent()) store.delete(sig);
    }

    private static boolean allPresent(DataStore store, String image, Set<String> files) throws IOException {
        for (String f : files) {
            if (store.stat(SecureBootScript.initrdSignature(image, f)).isEmpty()) return false;
        }
        return true;
    }

    /** Signature path on the data partition to the file's bytes inside the image; unreadable ones are warned about. */
    private static Map<String, byte[]> readFromImage(DataStore store, String image, Set<String> files, Consumer<String> warnings)
            throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ChannelBlockDevice dev = ChannelBlockDevice.of(store.open(image))) {
            IsoImage iso = IsoImage.read(dev);
            for (String f : files) {
                Optional<IsoEntry> entry = iso.lookup(f);
                if (entry.isEmpty() || entry.get().directory()) {
                    warnings.accept(image + ": " + f + " was not found inside the image; not approved for Secure Boot");
                    continue;
                }
                if (entry.get().size() > MAX_INITRD_BYTES) {
                    warnings.accept(image + ": " + f + " is larger than " + (MAX_INITRD_BYTES >> 20) + " MiB; not approved for Secure Boot");
                    continue;
                }
                out.put(SecureBootScript.initrdSignature(image, f), iso.readAll(entry.get(), MAX_INITRD_BYTES));
            }
        } catch (FormatException e) {
            warnings.accept(image + ": its initrds could not be read (" + e.getMessage() + "); not approved for Secure Boot");
        }
        return out;
    }

    private static void replace(DataStore store, String path, byte[] bytes) throws IOException {
        String tmp = path + ".tmp";
        if (store.stat(tmp).isPresent()) store.delete(tmp);
        store.write(tmp, new ByteArrayInputStream(bytes), bytes.length);
        store.replace(tmp, path);
    }

    private static void deleteTree(DataStore store, String path) throws IOException {
        Optional<FsEntry> e = store.stat(path);
        if (e.isEmpty()) return;
        if (e.get().directory()) {
            for (FsEntry c : store.list(path)) deleteTree(store, c.path());
        }
        store.delete(path);
    }
}
