package dev.polyboot.formats.pe;

import java.util.List;
import java.util.Objects;

/**
 * What polyboot needs from the headers of a PE/COFF image such as an {@code .efi} file (PE/COFF spec §3, §4):
 * the COFF file header, the optional header's magic and subsystem, the certificate table (data directory 4,
 * whose "address" is a file offset) and the section table.
 *
 * @param machine                COFF machine type, open value, see {@link PeMachine}
 * @param optionalHeaderMagic    {@link #PE32} or {@link #PE32_PLUS}
 * @param subsystem              e.g. {@link #SUBSYSTEM_EFI_APPLICATION}
 * @param certificateTableOffset file offset of the Authenticode certificate table, 0 if none
 * @param certificateTableSize   its size in bytes, 0 if the image is not signed
 */
public record PeHeader(long peHeaderOffset, int machine, long timeDateStamp, int characteristics,
                       int optionalHeaderMagic, int subsystem, long certificateTableOffset, long certificateTableSize,
                       List<PeSection> sections) {
    public static final int PE32 = 0x10B;
    public static final int PE32_PLUS = 0x20B;
    public static final int SUBSYSTEM_EFI_APPLICATION = 10;
    public static final int SUBSYSTEM_EFI_BOOT_SERVICE_DRIVER = 11;
    public static final int SUBSYSTEM_EFI_RUNTIME_DRIVER = 12;
    public static final int SUBSYSTEM_EFI_ROM = 13;

    public PeHeader {
        sections = List.copyOf(Objects.requireNonNull(sections, "sections"));
    }

    /** UEFI architecture name of {@link #machine()}: {@code x64}, {@code ia32}, {@code aa64}, ... */
    public String architecture() {
        return PeMachine.uefiName(machine);
    }

    public boolean isPe32Plus() {
        return optionalHeaderMagic == PE32_PLUS;
    }

    /** Subsystems 10–13: something UEFI firmware loads. */
    public boolean isEfi() {
        return subsystem >= SUBSYSTEM_EFI_APPLICATION && subsystem <= SUBSYSTEM_EFI_ROM;
    }

    /** Carries an Authenticode certificate table (says nothing about whether the signature verifies). */
    public boolean isSigned() {
        return certificateTableSize > 0;
    }

    /** Section present by exact name, e.g. {@code .sbat} (shim's revocation metadata). */
    public boolean hasSection(String name) {
        return sections.stream().anyMatch(s -> s.name().equals(name));
    }
}
