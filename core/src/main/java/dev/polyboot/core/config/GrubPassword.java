package dev.polyboot.core.config;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password as GRUB 2.06's {@code password_pbkdf2} checks it: {@code grub.pbkdf2.sha512.ITERATIONS.SALT.HASH}, salt and
 * hash in hex, the hash being PBKDF2-HMAC-SHA512 of the password's bytes (what {@code grub-mkpasswd-pbkdf2} prints,
 * with its defaults: 10,000 iterations, 64-byte salt, 64-byte hash). {@code /polyboot.json} stores only this form,
 * never the password.
 */
public final class GrubPassword {
    public static final int ITERATIONS = 10_000;
    public static final int SALT_BYTES = 64;
    public static final int HASH_BYTES = 64;
    /** GRUB_AUTH_MAX_PASSLEN is 1024 including the NUL. */
    public static final int MAX_LENGTH = 1023;
    private static final Pattern FORM = Pattern.compile("grub\\.pbkdf2\\.sha512\\.([1-9][0-9]{0,8})\\.([0-9A-Fa-f]{2,512})\\.([0-9A-Fa-f]{2,512})");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private GrubPassword() {}

    /** Whether {@code text} has the form GRUB's password_pbkdf2 reads (even lengths of hex, a positive iteration count). */
    public static boolean isHash(String text) {
        Matcher m = FORM.matcher(text);
        return m.matches() && m.group(2).length() % 2 == 0 && m.group(3).length() % 2 == 0;
    }

    /** The hash of {@code password} with a fresh random salt. */
    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return hash(password, salt, ITERATIONS);
    }

    public static String hash(char[] password, byte[] salt, int iterations) {
        check(password);
        return "grub.pbkdf2.sha512." + iterations + "." + HEX.formatHex(salt) + "." + HEX.formatHex(derive(password, salt, iterations, HASH_BYTES));
    }

    /** Whether {@code password} is the one {@code hash} was made from (what GRUB does when someone types it). */
    public static boolean matches(char[] password, String hash) {
        if (!isHash(hash)) throw new IllegalArgumentException("not a GRUB PBKDF2 hash");
        String[] p = hash.split("\\.");
        byte[] want = HexFormat.of().parseHex(p[5]);
        return java.security.MessageDigest.isEqual(want, derive(password, HexFormat.of().parseHex(p[4]), Integer.parseInt(p[3]), want.length));
    }

    private static void check(char[] password) {
        if (password.length == 0) throw new IllegalArgumentException("an empty password");
        if (password.length > MAX_LENGTH) throw new IllegalArgumentException("a password longer than GRUB reads (" + MAX_LENGTH + ")");
        for (char c : password) {
            // GRUB's password prompt reads printable keys; a control character could never be typed there
            if (c < 0x20 || c == 0x7f) throw new IllegalArgumentException("a control character in the password");
        }
    }

    /** SunJCE's PBKDF2WithHmacSHA512 hashes the password's UTF-8 bytes: the bytes GRUB gets from the keyboard for ASCII. */
    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every Java 17", e);
        } finally {
            spec.clearPassword();
        }
    }

}
