package org.rapport.app.response;

import java.util.Optional;

/**
 * Which question an answer is to: an item of the bank and, in a block about one teacher, that teacher.
 * Written {@code item} or {@code item@teacher} where it meets JSON, forms and stored drafts.
 */
public record AnswerKey(String item, Long target) {

    public AnswerKey {
        if (item == null || item.isEmpty() || item.indexOf('@') >= 0) {
            throw new IllegalArgumentException("an item id without '@', not " + item);
        }
    }

    /** The key written as {@code item} or {@code item@teacher}, or empty if it cannot be one. */
    public static Optional<AnswerKey> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        int at = text.indexOf('@');
        if (at < 0) {
            return Optional.of(new AnswerKey(text, null));
        }
        Optional<Long> target = TargetText.parse(text.substring(at + 1));
        return at == 0 || target.isEmpty() ? Optional.empty() : Optional.of(new AnswerKey(text.substring(0, at), target.get()));
    }

    @Override
    public String toString() {
        return target == null ? item : item + "@" + target;
    }
}
