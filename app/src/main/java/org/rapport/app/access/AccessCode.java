package org.rapport.app.access;

import java.util.Random;
import java.util.Locale;
import java.util.Optional;

/**
 * Access codes: ten characters from a 31-symbol alphabet without look-alikes (no 0/O, 1/I/L),
 * 10·log2(31) ≈ 49.5 bits from the application's {@link org.rapport.app.config.Randomness} (the operating
 * system's {@code SecureRandom}), shown as {@code XXXXX-XXXXX}.
 */
public final class AccessCode {
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public static final int LENGTH = 10;
    public static final double BITS = LENGTH * Math.log(ALPHABET.length()) / Math.log(2);

    private AccessCode() {
    }

    public static String generate(Random random) {
        char[] c = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            c[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(c);
    }

    /** For display and printing: {@code ABCDE-FGHJK}. */
    public static String format(String code) {
        return code.substring(0, 5) + "-" + code.substring(5);
    }

    /**
     * The canonical code typed in any reasonable way (case, spaces, dashes), or empty if it cannot be a code.
     * Look-alikes are folded: O→0 is not in the alphabet, so an O or 0 typed is simply invalid.
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String s = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-–—_.]", "");
        if (s.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(s);
    }
}
