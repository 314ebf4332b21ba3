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
import java.util.List;
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
 * The kernel is not signed here: shim checks it (a Debian-signed kernel passes as it is). An image booted by its own
 * EFI program gets a copy of that program signed with the user's X.509 key ({@link SecureBootScript#approvedProgram}):
 * adding it is the approval, and shim checks that signature when GRUB chainloads the copy.
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
                                      boolean all, java.util.function.Predicate<String> declined, Consumer<String> warnings)
            throws IOException {
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
            String marker = SecureBootScript.declinedMarker(e.path());
            if (declined.test(e.path())) { // nothing of it is approved; the marker only words GRUB's refusal
                if (store.stat(marker).isPresent()) continue;
                deleteTree(store, SecureBootScript.signatureDirOf(e.path()));
                store.mkdirs(SecureBootScript.signatureDirOf(e.path()));
                store.write(marker, java.io.InputStream.nullInputStream(), 0);
                continue;
            }
            if (store.stat(marker).isPresent()) store.delete(marker); // approved again: signed below (nothing is there)
            CatalogEntry o = old.get(e.path());
            boolean unchanged = o != null && o.size() == e.size() && Objects.equals(o.sha256(), e.sha256());
            if (EfiPrograms.approvable(e)) {
                String approved = SecureBootScript.approvedProgram(e.path());
                if (all || !unchanged || store.stat(approved).isEmpty()) approveProgram(store, signer, e.path(), approved, warnings);
                continue;
            }
            Set<String> files = signedFilesOf(e);
            if (files.isEmpty()) continue;
            if (!all && unchanged && allPresent(store, e.path(), files)) continue;
            toSign.putAll(readFromImage(store, e.path(), files, warnings));
            approveKernels(store, signer, e, warnings);
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

    /**
     * The image's EFI program, signed with the user's key, written to {@code approved}; an image whose program cannot
     * be found or read is warned about and stays not approved (its menu entry then says so).
     */
    private static void approveProgram(DataStore store, SecureBootParts.DetachedSigner signer, String image, String approved,
                                       Consumer<String> warnings) throws IOException {
        Optional<byte[]> program;
        try (ChannelBlockDevice dev = ChannelBlockDevice.of(store.open(image))) {
            program = EfiPrograms.extract(dev, image);
        } catch (FormatException e) {
            warnings.accept(image + ": its EFI program could not be read (" + e.getMessage() + "); not approved for Secure Boot");
            return;
        }
        if (program.isEmpty()) {
            warnings.accept(image + ": no EFI program was found in it; not approved for Secure Boot");
            return;
        }
        byte[] signed = signer.signEfiProgram(program.get());
        store.mkdirs(FsPaths.parent(approved));
        replace(store, approved, signed);
    }

    /** The kernels of {@code e}'s Linux entries (the recipe's and its other entries'). */
    static Set<String> kernelsOf(CatalogEntry e) {
        Set<String> out = new LinkedHashSet<>();
        if (e.recipe() instanceof BootRecipe.Linux l) {
            out.add(l.kernel());
            for (BootRecipe.Linux.Entry alt : l.more()) out.add(alt.kernel());
        }
        return out;
    }

    /**
     * Each kernel shim would not pass as it is (not signed by a key it trusts: {@link SecureBootParts.DetachedSigner#approveKernel})
     * gets a copy signed with the user's key at {@link SecureBootScript#approvedKernel}; a kernel that passes has no
     * copy (a stale one goes). Kernels that are not EFI images cannot boot under UEFI anyway and are left alone.
     */
    private static void approveKernels(DataStore store, SecureBootParts.DetachedSigner signer, CatalogEntry e, Consumer<String> warnings)
            throws IOException {
        Map<String, byte[]> kernels = new LinkedHashMap<>();
        try (ChannelBlockDevice dev = ChannelBlockDevice.of(store.open(e.path()))) {
            IsoImage iso = IsoImage.read(dev);
            for (String k : kernelsOf(e)) {
                Optional<IsoEntry> entry = iso.lookup(k);
                if (entry.isEmpty() || entry.get().directory()) continue; // the initrd check already names a missing file
                if (entry.get().size() > EfiPrograms.MAX_PROGRAM_BYTES) {
                    warnings.accept(e.path() + ": its kernel " + k + " is larger than " + (EfiPrograms.MAX_PROGRAM_BYTES >> 20)
                            + " MiB; not approved for Secure Boot");
                    continue;
                }
                kernels.put(k, iso.readAll(entry.get(), EfiPrograms.MAX_PROGRAM_BYTES));
            }
        } catch (FormatException ex) {
            warnings.accept(e.path() + ": its kernels could not be read (" + ex.getMessage() + "); not approved for Secure Boot");
            return;
        }
        for (Map.Entry<String, byte[]> k : kernels.entrySet()) {
            String copy = SecureBootScript.approvedKernel(e.path(), k.getKey());
            if (!EfiPrograms.isPe(k.getValue())) continue;
            Optional<byte[]> signed = signer.approveKernel(k.getValue());
            if (signed.isPresent()) {
                store.mkdirs(FsPaths.parent(copy));
                replace(store, copy, signed.get());
            } else if (store.stat(copy).isPresent()) {
                store.delete(copy);
            }
        }
    }

    /** Signs catalog.cfg and search.cfg (after they were written with exactly these texts). */
    static void writeCatalogSignatures(DataStore store, SecureBootParts.DetachedSigner signer, CatalogMenu.Files files) throws IOException {
        Map<String, byte[]> texts = new LinkedHashMap<>();
        texts.put(CatalogMenu.CFG, files.catalog().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        texts.put(CatalogMenu.SEARCH_CFG, files.search().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, byte[]> sigs = signer.sign(texts);
        for (String path : texts.keySet()) {
            byte[] sig = sigs.get(path);
            if (sig == null || sig.length == 0) throw new IOException("no signature was made for " + path);
            replace(store, path + EspContents.SIGNATURE_SUFFIX, sig);
        }
    }

    /** Without a signer a stale signature would only make GRUB refuse the new files as "changed": they go. */
    static void removeCatalogSignatures(DataStore store) throws IOException {
        for (String path : List.of(CatalogMenu.CFG, CatalogMenu.SEARCH_CFG)) {
            String sig = path + EspContents.SIGNATURE_SUFFIX;
            if (store.stat(sig).isPresent()) store.delete(sig);
        }
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
