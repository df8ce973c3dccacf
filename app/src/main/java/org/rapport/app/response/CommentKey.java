package org.rapport.app.response;

import java.util.Optional;
import org.rapport.app.itembank.Relationship;

/**
 * What a comment is about: a relationship and, for a block about one teacher, that teacher. Written
 * {@code RELATIONSHIP} or {@code RELATIONSHIP@teacher} where it meets JSON, forms and stored drafts.
 */
public record CommentKey(Relationship relationship, Long target) {

    public CommentKey {
        if (relationship == null) {
            throw new IllegalArgumentException("a comment is about a relationship");
        }
    }

    public static Optional<CommentKey> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        int at = text.indexOf('@');
        String name = at < 0 ? text : text.substring(0, at);
        Optional<Relationship> relationship = java.util.Arrays.stream(Relationship.values()).filter(r -> r.name().equals(name)).findFirst();
        if (relationship.isEmpty()) {
            return Optional.empty();
        }
        if (at < 0) {
            return Optional.of(new CommentKey(relationship.get(), null));
        }
        return TargetText.parse(text.substring(at + 1)).map(t -> new CommentKey(relationship.get(), t));
    }

    @Override
    public String toString() {
        return target == null ? relationship.name() : relationship.name() + "@" + target;
    }
}
