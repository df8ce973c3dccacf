package org.rapport.app.web;

/** The request is valid but clashes with the current state (a used code, a closed window). Answers 409. */
public class ConflictException extends RuntimeException {
    private final String field;
    private Text text;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** A clash a person reads, in their language: its message is the English text. */
    public ConflictException(String field, Text text) {
        this(field, text.english());
        this.text = text;
    }

    /** The text in the bundles, or null when it has only its English message. */
    public Text text() {
        return text;
    }

    public String field() {
        return field;
    }
}
