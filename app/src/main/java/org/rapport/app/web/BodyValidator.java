package org.rapport.app.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Validates a request body after the caller's rights were checked, so that a request someone may
 * not make is refused (403) before anything about its content is said (400).
 */
@Component
public class BodyValidator {
    private final Validator validator;

    public BodyValidator(Validator validator) {
        this.validator = validator;
    }

    public <T> T check(T body) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body is required");
        }
        List<InvalidInputException.FieldError> errors = validator.validate(body).stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                .map(v -> new InvalidInputException.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, errors);
        }
        return body;
    }
}
