package org.rapport.app.privacy;

import java.util.Optional;
import java.util.UUID;

/**
 * One member of a released group: a response, or for blocks about one teacher the response's block
 * about that teacher. The respondent is the response, so one pupil's blocks about several teachers
 * count once. Written {@code response} or {@code response/teacher} where it meets the release ledger.
 */
public record Member(UUID response, Long target) {

    public Member {
        if (response == null) {
            throw new IllegalArgumentException("a member is a response");
        }
    }

    public static Optional<Member> parse(String text) {
        try {
            int slash = text.indexOf('/');
            return Optional.of(slash < 0 ? new Member(UUID.fromString(text), null)
                    : new Member(UUID.fromString(text.substring(0, slash)), Long.valueOf(text.substring(slash + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return target == null ? response.toString() : response + "/" + target;
    }
}
