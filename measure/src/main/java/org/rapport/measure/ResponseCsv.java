package org.rapport.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a response matrix from CSV: a header row of item names, then one row per person of
 * integer categories from 0, with an empty cell or {@code NA} for a missing answer. Names and
 * cells may be quoted. Lines starting with {@code #} before the header are notes, read past.
 * Every fault is reported with its line and column.
 */
public final class ResponseCsv {
    private ResponseCsv() {
    }

    /** A fault in the file, with the 1-based line and column where it is. */
    public static final class FormatException extends RuntimeException {
        public FormatException(String message) {
            super(message);
        }
    }

    public static ResponseMatrix read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new FormatException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new FormatException(file + ": is a directory, not a CSV file");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    public static ResponseMatrix parse(byte[] bytes, String source) {
        return parse(bytes, source, Set.of());
    }

    /** Reads the file, leaving out the columns named in {@code ignored} (a respondent id, a school). */
    public static ResponseMatrix read(Path file, Set<String> ignored) throws IOException {
        if (!Files.exists(file)) {
            throw new FormatException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new FormatException(file + ": is a directory, not a CSV file");
        }
        return parse(Files.readAllBytes(file), file.toString(), ignored);
    }

    /** Parses the bytes, leaving out the columns named in {@code ignored}; each must be in the header. */
    public static ResponseMatrix parse(byte[] bytes, String source, Set<String> ignored) {
        int pos = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            pos = 3;
        }
        // notes before the header, each line starting with '#' (a research export says there which schools' answers were
        // deleted): read past, and counted so that every fault still names its line in the file
        int headerAt = 1;
        while (pos < bytes.length && bytes[pos] == '#') {
            pos = next(bytes, lineEnd(bytes, pos));
            headerAt++;
        }
        int headerEnd = lineEnd(bytes, pos);
        String headerLine = new String(bytes, pos, headerEnd - pos, StandardCharsets.UTF_8).strip();
        if (headerLine.isEmpty()) {
            throw new FormatException(source + ": the file is empty; expected a header row of item names");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] headerCells = headerLine.split(",", -1);
        for (int c = 0; c < headerCells.length; c++) {
            String name = unquote(headerCells[c].strip());
            if (name.isEmpty()) {
                throw new FormatException(source + ": line " + headerAt + ", column " + (c + 1) + ": empty item name");
            }
            if (!seen.add(name)) {
                throw new FormatException(source + ": line " + headerAt + ", column " + (c + 1) + ": item name '" + name + "' appears twice");
            }
            names.add(name);
        }
        for (String column : ignored) {
            if (!seen.contains(column)) {
                throw new FormatException(source + ": line " + headerAt + ": no column '" + column + "' to ignore; the header has " + names);
            }
        }
        boolean[] keep = new boolean[names.size()];
        List<String> itemNames = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            keep[c] = !ignored.contains(names.get(c));
            if (keep[c]) {
                itemNames.add(names.get(c));
            }
        }
        if (itemNames.isEmpty()) {
            throw new FormatException(source + ": line " + headerAt + ": no item columns left once " + ignored + " are ignored");
        }
        int items = names.size();
        pos = next(bytes, headerEnd);
        ByteSink out = new ByteSink(Math.max(16, bytes.length / 2));
        int line = headerAt;
        int persons = 0;
        while (pos < bytes.length) {
            line++;
            int end = lineEnd(bytes, pos);
            if (isBlank(bytes, pos, end)) {
                pos = next(bytes, end);
                continue;
            }
            int column = 1;
            int start = pos;
            boolean quoted = false;
            for (int k = pos; k <= end; k++) {
                if (k < end && bytes[k] == '"') {
                    quoted = !quoted;
                } else if (k == end || (bytes[k] == ',' && !quoted)) {
                    if (column > items) {
                        throw new FormatException(source + ": line " + line + ": " + countCells(bytes, pos, end)
                                + " cells, but the header names " + items + " items");
                    }
                    if (keep[column - 1]) {
                        out.add(cell(bytes, start, k, source, line, column, names.get(column - 1)));
                    }
                    column++;
                    start = k + 1;
                }
            }
            if (column - 1 != items) {
                throw new FormatException(source + ": line " + line + ": " + (column - 1)
                        + " cells, but the header names " + items + " items");
            }
            persons++;
            pos = next(bytes, end);
        }
        if (persons == 0) {
            throw new FormatException(source + ": no data rows after the header");
        }
        return new ResponseMatrix(itemNames, persons, out.toArray());
    }

    private static byte cell(byte[] b, int from, int to, String source, int line, int column, String item) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        if (to - from >= 2 && b[from] == '"' && b[to - 1] == '"') {
            from++;
            to--;
        }
        if (from == to || (to - from == 2 && b[from] == 'N' && b[from + 1] == 'A')) {
            return ResponseMatrix.MISSING;
        }
        int value = 0;
        for (int k = from; k < to; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) {
                throw cellError(b, from, to, source, line, column, item, "is not a category (a whole number from 0), empty or NA");
            }
            value = Math.min(value * 10 + d, 1000);
        }
        if (value > Byte.MAX_VALUE) {
            throw cellError(b, from, to, source, line, column, item, "is above the largest category 127");
        }
        return (byte) value;
    }

    private static FormatException cellError(byte[] b, int from, int to, String source, int line, int column,
                                             String item, String why) {
        String text = new String(b, from, to - from, StandardCharsets.UTF_8);
        return new FormatException(source + ": line " + line + ", column " + column + " (item " + item + "): '" + text + "' " + why);
    }

    private static int countCells(byte[] b, int from, int to) {
        int cells = 1;
        for (int k = from; k < to; k++) {
            if (b[k] == ',') {
                cells++;
            }
        }
        return cells;
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int k = from; k < to; k++) {
            if (b[k] != ' ' && b[k] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Index of the end of the line starting at {@code pos} (excluding CR LF). */
    private static int lineEnd(byte[] b, int pos) {
        int k = pos;
        while (k < b.length && b[k] != '\n') {
            k++;
        }
        return k > pos && b[k - 1] == '\r' ? k - 1 : k;
    }

    private static int next(byte[] b, int end) {
        int k = end;
        if (k < b.length && b[k] == '\r') {
            k++;
        }
        return k < b.length && b[k] == '\n' ? k + 1 : k;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s;
    }

    private static final class ByteSink {
        private byte[] data;
        private int size;

        ByteSink(int capacity) {
            data = new byte[capacity];
        }

        void add(byte b) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = b;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
