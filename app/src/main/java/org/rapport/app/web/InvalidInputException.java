package org.rapport.app.web;

import java.util.List;

/** Input that breaks a rule; each fault names its field. Answers 400 (or {@link #status}). */
public class InvalidInputException extends RuntimeException {
    private final List<FieldError> errors;
    private final int status;

    public record FieldError(String field, String message) {
    }

    public InvalidInputException(String field, String message) {
        this(400, List.of(new FieldError(field, message)));
    }

    public InvalidInputException(int status, List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
        this.status = status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public int status() {
        return status;
    }
}
