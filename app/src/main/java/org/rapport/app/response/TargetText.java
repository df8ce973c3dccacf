package org.rapport.app.response;

import java.util.Optional;

/** The teacher part of a written key: a positive id in plain digits. */
final class TargetText {
    private TargetText() {
    }

    static Optional<Long> parse(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long id = Long.parseLong(digits);
        return id > 0 ? Optional.of(id) : Optional.empty();
    }
}
