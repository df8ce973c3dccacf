package org.rapport.app.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input that breaks a rule; each fault names its field. Answers 400 (or {@link #status}) as problem
 * details whose {@code errors} are {@link #problems()}; a feature with richer faults (the roster's
 * file, line and column) extends it.
 */
public class InvalidInputException extends RuntimeException {
    private final List<FieldError> errors;
    private final int status;
    private Text text;

    public record FieldError(String field, String message) {
    }

    public InvalidInputException(String field, String message) {
        this(400, List.of(new FieldError(field, message)));
    }

    /** A fault a person reads, in their language: its message is the English text. */
    public InvalidInputException(String field, Text text) {
        this(field, text.english());
        this.text = text;
    }

    /** The text of the (single) fault in the bundles, or null when it has only its English message. */
    public Text text() {
        return text;
    }

    public InvalidInputException(int status, List<FieldError> errors) {
        this(status, errors, errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message());
    }

    protected InvalidInputException(int status, List<FieldError> errors, String message) {
        super(message);
        this.errors = List.copyOf(errors);
        this.status = status;
    }

    /** What a fault quotes of the input it names: at most {@code max} characters and an ellipsis, so a long input does not fill the answer ("" for none). */
    public static String abbreviate(String given, int max) {
        return given == null ? "" : given.length() > max ? given.substring(0, max) + "…" : given;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public int status() {
        return status;
    }

    /** The problem's title. */
    public String title() {
        return status == 422 ? "Unprocessable input" : "Invalid input";
    }

    /** Each fault as an entry of the problem's {@code errors}: at least its field and message. */
    public List<Map<String, Object>> problems() {
        return errors.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", e.field());
            m.put("message", e.message());
            return m;
        }).toList();
    }

    /** Its faults as a form shows them beside their fields: a fault with a text in the reader's language, the others as they are. */
    public List<FieldError> errorsIn(org.springframework.context.MessageSource messages, java.util.Locale locale) {
        if (text == null) {
            return errors;
        }
        return List.of(new FieldError(errors.get(0).field(), text.in(messages, locale)));
    }

    /** What a page shows of it. */
    public String pageMessage() {
        return getMessage();
    }
}
