package org.rapport.app.web;

/** The request is valid but clashes with the current state (a used code, a closed window). Answers 409. */
public class ConflictException extends RuntimeException {
    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
