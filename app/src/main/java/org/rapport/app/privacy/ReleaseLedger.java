package org.rapport.app.privacy;

import java.sql.Array;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns the table group_release: every group ever shown in a scope, with the batch up to which its
 * members were shown and, where its key does not say who is in it, what it was made of.
 */
@Repository
class ReleaseLedger {
    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    ReleaseLedger(JdbcClient jdbc, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    record Entry(GroupKey group, long watermark, long[] definition, int respondents) {
    }

    /** Holds the scope until the transaction ends, so that two looks at once decide one after the other. */
    void lock(PrivacyEngine.Scope scope) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
                .param(scope.networkId() + "/" + scope.windowName() + "/" + scope.relationship()).query().singleRow();
    }

    /** Every release of the scope, oldest first. */
    List<Entry> entries(PrivacyEngine.Scope scope) {
        return jdbc.sql("""
                        select group_key, watermark, definition, respondents from group_release
                        where network_id = ? and window_name = ? and relationship = ? order by id""")
                .params(scope.networkId(), scope.windowName(), scope.relationship())
                .query((rs, n) -> new Entry(GroupKey.parse(rs.getString(1)).orElseThrow(), rs.getLong(2), longs(rs.getArray(3)), rs.getInt(4)))
                .list();
    }

    /** Records the groups newly shown by one release, in one statement. */
    void addAll(PrivacyEngine.Scope scope, List<Entry> shown) {
        if (shown.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into group_release (network_id, window_name, relationship, group_key, watermark, definition, respondents, released_on)
                select ?, ?, ?, g, w, d::bigint[], n, ? from unnest(?::text[], ?::bigint[], ?::text[], ?::int[]) with ordinality as t(g, w, d, n, i)
                order by i""")
                .params(scope.networkId(), scope.windowName(), scope.relationship(), LocalDate.now(clock),
                        shown.stream().map(e -> e.group().toString()).toArray(String[]::new),
                        shown.stream().map(Entry::watermark).toArray(Long[]::new),
                        shown.stream().map(e -> e.definition() == null ? null
                                : java.util.Arrays.stream(e.definition()).mapToObj(Long::toString)
                                        .collect(java.util.stream.Collectors.joining(",", "{", "}"))).toArray(String[]::new),
                        shown.stream().map(Entry::respondents).toArray(Integer[]::new))
                .update();
    }

    /** Whether a team shown in the network's windows of this name was made of {@code teacher} without {@code without}. */
    boolean teamShownWith(long networkId, String windowName, long teacher, long without) {
        return jdbc.sql("""
                select exists (select 1 from group_release where network_id = ? and window_name = ? and definition is not null
                  and ? = any (definition) and not (? = any (definition)))""")
                .params(networkId, windowName, teacher, without).query(Boolean.class).single();
    }

    /**
     * Every release of the network about teacher {@code from} (their own result, and the make-up of every team
     * they were in) becomes one about {@code into}, definitions kept sorted and without repeats. Answers how many rows.
     */
    int moveTeacher(long networkId, long from, long into) {
        int keys = jdbc.sql("update group_release set group_key = ? where network_id = ? and group_key = ?")
                .params(GroupKey.teacher(into).toString(), networkId, GroupKey.teacher(from).toString()).update();
        int teams = jdbc.sql("""
                update group_release set definition = array(
                  select distinct case when d = ? then ? else d end as t from unnest(definition) d order by t)
                where network_id = ? and definition is not null and ? = any (definition)""")
                .params(from, into, networkId, from).update();
        return keys + teams;
    }

    private static long[] longs(Array array) throws java.sql.SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).longValue();
        }
        return out;
    }
}
