package org.rapport.app.school;

/** One fault in an uploaded roster file: the file, 1-based line and column (0 when the whole line), and what is wrong. */
public record RosterError(String file, int line, int column, String field, String message) {
    @Override
    public String toString() {
        return file + ", line " + line + (column > 0 ? ", column " + column + " (" + field + ")" : "") + ": " + message;
    }
}
