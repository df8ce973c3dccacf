package org.rapport.app.privacy;

import java.util.Locale;
import java.util.Optional;

/**
 * A group whose results may be released: the network, a school, a class, a teacher's pupils or a team.
 * Written {@code network} or {@code kind:id} ({@code school:12}) where it meets the release ledger.
 */
public record GroupKey(Kind kind, long id) implements Comparable<GroupKey> {

    public enum Kind { NETWORK, SCHOOL, CLASS, TEACHER, TEAM }

    public static final GroupKey NETWORK = new GroupKey(Kind.NETWORK, 0);

    public GroupKey {
        if (kind == null || (kind == Kind.NETWORK) != (id == 0)) {
            throw new IllegalArgumentException("the network has no id and every other group has one: " + kind + " " + id);
        }
    }

    public static GroupKey school(long id) {
        return new GroupKey(Kind.SCHOOL, id);
    }

    public static GroupKey ofClass(long id) {
        return new GroupKey(Kind.CLASS, id);
    }

    public static GroupKey teacher(long id) {
        return new GroupKey(Kind.TEACHER, id);
    }

    public static GroupKey team(long id) {
        return new GroupKey(Kind.TEAM, id);
    }

    public static Optional<GroupKey> parse(String text) {
        if ("network".equals(text)) {
            return Optional.of(NETWORK);
        }
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            Kind kind = Kind.valueOf(text.substring(0, colon).toUpperCase(Locale.ROOT));
            long id = Long.parseLong(text.substring(colon + 1));
            return kind == Kind.NETWORK || id == 0 ? Optional.empty() : Optional.of(new GroupKey(kind, id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return kind == Kind.NETWORK ? "network" : kind.name().toLowerCase(Locale.ROOT) + ":" + id;
    }

    /** The network first, then schools, classes, teachers and teams, each by id. */
    @Override
    public int compareTo(GroupKey o) {
        int byKind = kind.compareTo(o.kind);
        return byKind != 0 ? byKind : Long.compare(id, o.id);
    }
}
