package org.rapport.app.web;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * What a text someone typed or uploaded must have, beyond {@link ControlCharacters}: whether it has anything a reader can
 * see (a comment of Hangul fillers or braille blanks says nothing), which invisible characters a name may not carry (a
 * right-to-left override in a teacher's name turned the question around it), how a name is tidied and compared, and how a
 * name stored earlier is shown inside a sentence without turning it. Pages reach it as {@code @typedText}.
 */
@Component("typedText")
public final class TypedText {
    /** First strong isolate and pop directional isolate: the text between them keeps its own direction, the sentence its. */
    static final char FSI = '\u2068';
    static final char PDI = '\u2069';
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();

    TypedText() {
    }

    /**
     * Whether {@code s} has a character a reader can see: a letter, digit, punctuation mark or symbol that is neither
     * white space nor one of Unicode's default-ignorable characters (the Hangul fillers are letters to
     * {@link Character#getType} and show nothing), nor the braille blank.
     */
    public static boolean visible(CharSequence s) {
        if (s == null) {
            return false;
        }
        return s.codePoints().anyMatch(TypedText::seen);
    }

    private static boolean seen(int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x2800
                || UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                 Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                 Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                 Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> Character.isIdeographic(c);
        };
    }

    /**
     * The index of the first character of {@code s} a name may not carry, or -1: a bidirectional embedding, override or
     * isolate control ({@link ControlCharacters#findBidi}) and every other invisible (default-ignorable) character, such as
     * a zero-width space, a Hangul filler or a soft hyphen. Kept, because writing needs them: the joiners U+200C and U+200D,
     * the direction marks U+200E, U+200F and U+061C, and the variation selectors.
     */
    public static int refusedInName(CharSequence s) {
        int bidi = ControlCharacters.findBidi(s);
        if (bidi >= 0 || s == null) {
            return bidi;
        }
        for (int i = 0; i < s.length(); ) {
            int c = Character.codePointAt(s, i);
            if (UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT) && !keptInNames(c)) {
                return i;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    private static boolean keptInNames(int c) {
        return c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F || c == 0x061C
                || c >= 0xFE00 && c <= 0xFE0F || c >= 0xE0100 && c <= 0xE01EF || c >= 0x180B && c <= 0x180D || c == 0x180F;
    }

    /** The refused character at {@code index} as a person can read it, e.g. U+202E. */
    public static String name(CharSequence s, int index) {
        return ControlCharacters.name(s, index);
    }

    /** The fault of a name with a refused character at {@code index}, in the reader's language. */
    public static Text fault(String field, CharSequence s, int index) {
        return new Text("error.invisible", field, name(s, index));
    }

    /** A name as it is kept: without spaces at either end, and each run of spaces of any kind inside it one space ("" for null). */
    public static String tidy(String s) {
        return s == null ? "" : SPACES.matcher(s).replaceAll(" ").strip();
    }

    /**
     * What two names are compared by: tidied, case-folded and in Unicode's compatibility form (NFKC), so that "summer  2026",
     * "SUMMER 2026" and "Ｓｕｍｍｅｒ 2026" are all "summer 2026".
     */
    public static String likeness(String s) {
        return tidy(FOLD.normalize(tidy(s)));
    }

    /**
     * {@code s} between a first strong isolate and its pop (U+2068, U+2069) for a sentence it is put into: whatever direction
     * or override it carries stays inside it ("" for null).
     */
    public static String isolate(String s) {
        return s == null || s.isEmpty() ? "" : FSI + s + PDI;
    }
}
