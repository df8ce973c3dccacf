package org.rapport.app.privacy;

import java.util.List;

/**
 * What a school's leaders could derive about single teachers. A teacher's own result (their pupils'
 * feedback about them) is theirs alone, so it is not counted here as shown; what is counted is every
 * group the leaders see, by name or in an unnamed spread (the network, schools, classes and every
 * team as it was made up whenever it was shown: a roster upload changes a team's teachers, and an
 * earlier make-up can be set beside a later one). The audit ({@link Audit}) runs over teachers
 * instead of respondents: each cell of a relationship about each teacher is one teacher, one atom, so
 * a set of cells the leaders can derive by adding and subtracting those groups must hold at least
 * {@link PrivacyEngine#MIN_TEAM_TEACHERS} teachers. Answers arriving over time are the respondent
 * audit's concern; here a group is its cells, whatever batches they hold.
 */
final class LeadersAudit {
    private final Audit audit;

    /** {@code groups}: the cells of every group the leaders were shown and of every one that may be. */
    LeadersAudit(Population population, List<int[]> groups) {
        this.audit = new Audit(new OneTeacherACell(population), PrivacyEngine.MIN_TEAM_TEACHERS,
                groups.stream().map(LeadersAudit::version).toList());
    }

    /** A group the leaders were shown. */
    void add(int[] cells) {
        audit.add(version(cells));
    }

    /** Whether showing the group to the leaders, beside all added so far, lets them derive fewer than three teachers' pupils. */
    boolean exposesATeacher(int[] cells) {
        return !audit.admits(version(cells));
    }

    private static Audit.Version version(int[] cells) {
        return new Audit.Version(cells, 0);
    }

    /** Each cell one batch and one "respondent": its teacher. */
    private record OneTeacherACell(Population of) implements Population {
        private static final long[] ONE_BATCH = {0};

        @Override
        public int cells() {
            return of.cells();
        }

        @Override
        public long[] batches(int cell) {
            return ONE_BATCH;
        }

        @Override
        public int[] respondents(int cell, int index) {
            return new int[] {cell};
        }

        @Override
        public int[] cellsOf(GroupKey group) {
            return of.cellsOf(group);
        }

        @Override
        public int[] cellsOf(GroupKey group, long[] definition) {
            return of.cellsOf(group, definition);
        }

        @Override
        public long[] definition(GroupKey group) {
            return of.definition(group);
        }
    }
}
