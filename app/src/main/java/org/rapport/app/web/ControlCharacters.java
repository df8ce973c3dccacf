package org.rapport.app.web;

/**
 * The one rule for the text Rapport takes, wherever it comes from (a form or query parameter, a
 * JSON string or key, a line of an uploaded file): no control character but tab, line feed and
 * carriage return (so no NUL, which the database cannot store), no DEL, no C1 control, no lone
 * surrogate. Requests are checked by {@link ControlCharacterCheck} and {@link ControlCharacterModule};
 * the file readers ask {@link #find}.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    /** The index of the first refused character of {@code s}, or -1 when it has none (or is null). */
    public static int find(CharSequence s) {
        if (s == null) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (control(s.charAt(i))) {
                return i;
            }
            int pair = pairAt(s, i);
            if (pair < 0) {
                return i;
            }
            i += pair;
        }
        return -1;
    }

    /** A control character but tab, line feed and carriage return, DEL, or a C1 control. */
    private static boolean control(char c) {
        return c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c >= 0x7F && c <= 0x9F;
    }

    /** At {@code i}: 1 for a surrogate pair (its second half to step over), 0 for no surrogate, -1 for a lone surrogate. */
    private static int pairAt(CharSequence s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) ? 1 : -1;
        }
        return Character.isLowSurrogate(c) ? -1 : 0;
    }

    /**
     * The index of the first bidirectional embedding, override or isolate control of {@code s} (U+202A to U+202E,
     * U+2066 to U+2069), or -1: refused in text shown to the public, where one would turn what follows it around
     * (the marks U+200E, U+200F and U+061C, which right-to-left writing needs, are kept).
     */
    public static int findBidi(CharSequence s) {
        if (s == null) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Refuses text that pupils, parents or the public read with a bidirectional control in it ({@link #findBidi}): 400,
     * naming the field, the character and its place in the text (from 1), in the reader's language; nothing is saved.
     */
    public static void refuseBidi(String field, String text) {
        int at = findBidi(text);
        if (at >= 0) {
            throw new BidiRefused(field, text, at);
        }
    }

    /** A text refused for a bidirectional control: its problem names the field, the character and its position (from 1). */
    public static final class BidiRefused extends InvalidInputException {
        private final String character;
        private final int position;

        BidiRefused(String field, CharSequence text, int index) {
            super(field, new Text("error.bidi", field, name(text, index), index + 1));
            this.character = name(text, index);
            this.position = index + 1;
        }

        public String character() {
            return character;
        }

        public int position() {
            return position;
        }

        @Override
        public java.util.List<java.util.Map<String, Object>> problems() {
            java.util.List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
            for (java.util.Map<String, Object> p : super.problems()) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(p);
                m.put("character", character);
                m.put("position", position);
                out.add(m);
            }
            return out;
        }
    }

    /**
     * {@code s} without its refused characters ({@link #find}); a vertical tab, form feed or next-line character, which
     * are line breaks where they come from (a word processor), become a line feed.
     */
    public static String without(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0x0B || c == 0x0C || c == 0x85) {
                out.append('\n');
            } else if (!control(c)) {
                int pair = pairAt(s, i);
                if (pair >= 0) {
                    out.append(s, i, i + 1 + pair);
                    i += pair;
                }
            }
        }
        return out.toString();
    }

    /** The refused character at {@code index} as a person can read it, e.g. U+0000. */
    public static String name(CharSequence s, int index) {
        return String.format("U+%04X", Character.codePointAt(s, index));
    }

    /** A refused character of a text file: its line and place on the line (from 1), and which it is. */
    public record Found(int line, int position, String character) {
    }

    /** The first refused character of each line of {@code text} that has one, at most {@code max} of them. */
    public static java.util.List<Found> inLines(String text, int max) {
        java.util.List<Found> found = new java.util.ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length && found.size() < max; i++) {
            int at = find(lines[i]);
            if (at >= 0) {
                found.add(new Found(i + 1, at + 1, name(lines[i], at)));
            }
        }
        return found;
    }

    /** The fault of a field whose text has a refused character at {@code index}, in the reader's language. */
    public static Text fault(String field, CharSequence s, int index) {
        return new Text("error.control", field, name(s, index));
    }
}
