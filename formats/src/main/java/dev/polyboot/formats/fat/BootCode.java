package dev.polyboot.formats.fat;

import java.nio.charset.StandardCharsets;

/**
 * The x86 real-mode stub put where a boot loader would go: if a BIOS ever boots this partition directly,
 * it prints a message, waits for a key and asks the BIOS to try the next boot device (INT 19h).
 */
final class BootCode {
    private BootCode() {}

    private static final String MESSAGE = "This partition is not bootable (polyboot data). Press a key to continue.\r\n";
    /** Offset of the message within the stub, right after the code below. */
    private static final int MESSAGE_OFFSET = 36;

    /** The stub for a boot sector whose code starts at {@code codeOffset}, padded with zeros to {@code length}. */
    static byte[] stub(int codeOffset, int length) {
        int msgAddr = 0x7C00 + codeOffset + MESSAGE_OFFSET;
        byte[] code = {
            (byte) 0xFA,                         // cli
            0x31, (byte) 0xC0,                   // xor ax, ax
            (byte) 0x8E, (byte) 0xD8,            // mov ds, ax
            (byte) 0x8E, (byte) 0xD0,            // mov ss, ax
            (byte) 0xBC, 0x00, 0x7C,             // mov sp, 0x7C00
            (byte) 0xFB,                         // sti
            (byte) 0xBE, (byte) msgAddr, (byte) (msgAddr >> 8), // mov si, message
            (byte) 0xAC,                         // print: lodsb
            (byte) 0x84, (byte) 0xC0,            // test al, al
            0x74, 0x09,                          // jz wait
            (byte) 0xB4, 0x0E,                   // mov ah, 0x0E (teletype)
            (byte) 0xBB, 0x07, 0x00,             // mov bx, 7
            (byte) 0xCD, 0x10,                   // int 0x10
            (byte) 0xEB, (byte) 0xF2,            // jmp print
            0x31, (byte) 0xC0,                   // wait: xor ax, ax
            (byte) 0xCD, 0x16,                   // int 0x16 (read key)
            (byte) 0xCD, 0x19,                   // int 0x19 (next boot device)
            (byte) 0xEB, (byte) 0xFE,            // jmp $
        };
        byte[] msg = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[length];
        System.arraycopy(code, 0, out, 0, code.length);
        System.arraycopy(msg, 0, out, MESSAGE_OFFSET, Math.min(msg.length, length - MESSAGE_OFFSET - 1));
        return out;
    }
}
