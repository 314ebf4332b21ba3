package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.pe.PeHeader;
import dev.polyboot.formats.pe.PeMachine;
import dev.polyboot.formats.pe.PeReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * PE/COFF files ({@code .efi}): machine, subsystem and signature from {@link PeReader}. Only an x64 EFI
 * application is offered to the menu: UEFI firmware refuses other subsystems in LoadImage, and an EFI driver
 * started from the menu would install itself and return rather than boot anything.
 */
final class PeImages {
    private PeImages() {}

    static ImageReport report(String name, long size, BlockDevice dev) throws IOException {
        PeHeader h;
        try {
            h = PeReader.read(dev);
        } catch (FormatException e) {
            return ImageClassifier.damaged(name, size, ImageType.EFI_PROGRAM, e);
        }
        List<String> arch = Architectures.ofPeMachine(h.machine()).map(List::of).orElse(List.of());
        String cpu = arch.isEmpty() ? "an unknown CPU (machine " + PeMachine.uefiName(h.machine()) + ")" : arch.get(0);
        String kind = subsystemName(h.subsystem());
        ImageDetails.Pe details = new ImageDetails.Pe(PeMachine.uefiName(h.machine()), h.subsystem(), kind, h.isSigned(),
                h.certificateTableSize(), h.hasSection(".sbat"));
        String title = ImageClassifier.stem(name) + (arch.isEmpty() ? "" : " (" + arch.get(0) + ")");
        List<String> notes = new ArrayList<>();
        if (!h.isEfi()) {
            String why = "a PE file for " + kind + ", not an EFI program: UEFI firmware cannot start it";
            return new ImageReport(name, size, ImageType.PE_PROGRAM, null, null, arch, List.of(), null, null, null, null,
                    title, new BootRecipe.Message(why), "PE/COFF file for " + cpu + ", subsystem " + h.subsystem() + " (" + kind
                    + "); not offered as an EFI program", notes, details);
        }
        notes.add(signature(h));
        BootRecipe recipe;
        String how;
        if (h.subsystem() != PeHeader.SUBSYSTEM_EFI_APPLICATION) {
            recipe = new BootRecipe.Message("an " + kind + ", not an application: there is nothing to boot");
            how = "not started from the menu";
        } else if (h.machine() != PeMachine.AMD64) {
            recipe = new BootRecipe.Message("an EFI program for " + cpu + "; this menu starts x64 programs");
            how = "not x64";
        } else {
            recipe = new BootRecipe.Program(List.of(BootMode.UEFI));
            how = "UEFI: chainloader";
        }
        return new ImageReport(name, size, ImageType.EFI_PROGRAM, null, null, arch, List.of(BootMode.UEFI), null, null,
                null, null, title, recipe, kind + " for " + cpu + (h.isSigned() ? ", signed" : ", unsigned") + "; " + how,
                notes, details);
    }

    /** Presence of a certificate table only: verifying Authenticode needs the firmware's keys, which we don't have. */
    private static String signature(PeHeader h) {
        return h.isSigned()
                ? "Secure Boot: signed (Authenticode, not verified here); it starts only if the firmware or shim trusts the signing key"
                : "Secure Boot: unsigned; firmware and shim refuse it unless its hash is enrolled (MokManager)";
    }

    /** The PE/COFF spec's subsystem values (§3.4.2 "Windows Subsystem"). */
    static String subsystemName(int subsystem) {
        return switch (subsystem) {
            case 1 -> "native (Windows driver)";
            case 2 -> "Windows GUI";
            case 3 -> "Windows CUI";
            case 5 -> "OS/2 CUI";
            case 7 -> "POSIX CUI";
            case 8 -> "native Win9x driver";
            case 9 -> "Windows CE GUI";
            case PeHeader.SUBSYSTEM_EFI_APPLICATION -> "EFI application";
            case PeHeader.SUBSYSTEM_EFI_BOOT_SERVICE_DRIVER -> "EFI boot service driver";
            case PeHeader.SUBSYSTEM_EFI_RUNTIME_DRIVER -> "EFI runtime driver";
            case PeHeader.SUBSYSTEM_EFI_ROM -> "EFI ROM image";
            case 14 -> "Xbox";
            case 16 -> "Windows boot application";
            default -> "unknown subsystem " + subsystem;
        };
    }
}
