package dev.polyboot.formats.pe;

/**
 * COFF machine types (PE/COFF spec §3.3.1) that UEFI firmware runs, named as UEFI names its default boot files
 * ({@code BOOTX64.EFI}, {@code BOOTIA32.EFI}, {@code BOOTAA64.EFI}, {@code BOOTARM.EFI}, {@code BOOTRISCV64.EFI}).
 * The machine stays an open int in {@link PeHeader}: unknown codes are kept and named by their hex value.
 */
public final class PeMachine {
    public static final int I386 = 0x014C;
    public static final int ARM = 0x01C2;
    public static final int ARMNT = 0x01C4;
    public static final int AMD64 = 0x8664;
    public static final int ARM64 = 0xAA64;
    public static final int RISCV64 = 0x5064;

    private PeMachine() {}

    /** The UEFI architecture suffix ({@code x64}, {@code ia32}, {@code aa64}, {@code arm}, {@code riscv64}) or {@code 0x....}. */
    public static String uefiName(int machine) {
        return switch (machine) {
            case AMD64 -> "x64";
            case I386 -> "ia32";
            case ARM64 -> "aa64";
            case ARM, ARMNT -> "arm";
            case RISCV64 -> "riscv64";
            default -> String.format("0x%04x", machine);
        };
    }
}
