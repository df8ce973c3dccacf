package org.rapport.app.privacy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the table release_ledger: every group ever shown in a scope, with exactly who was in it. */
@Repository
class ReleaseLedger {
    private final JdbcClient jdbc;

    ReleaseLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Entry(GroupKey group, Set<Member> members) {
    }

    /** Holds the scope until the transaction ends, so that two looks at once decide one after the other. */
    void lock(PrivacyEngine.Scope scope) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
                .param(scope.networkId() + "/" + scope.windowName() + "/" + scope.relationship()).query().singleRow();
    }

    /** Every release of the scope, oldest first. */
    List<Entry> entries(PrivacyEngine.Scope scope) {
        return jdbc.sql("""
                        select group_key, members from release_ledger where network_id = ? and window_name = ? and relationship = ?
                        order by id""")
                .params(scope.networkId(), scope.windowName(), scope.relationship())
                .query((rs, n) -> new Entry(GroupKey.parse(rs.getString(1)).orElseThrow(), members((String[]) rs.getArray(2).getArray())))
                .list();
    }

    /** The members of a group as last shown in the scope, or empty if it never was. */
    Set<Member> latest(PrivacyEngine.Scope scope, GroupKey group) {
        return jdbc.sql("""
                        select members from release_ledger where network_id = ? and window_name = ? and relationship = ? and group_key = ?
                        order by id desc limit 1""")
                .params(scope.networkId(), scope.windowName(), scope.relationship(), group.toString())
                .query((rs, n) -> members((String[]) rs.getArray(1).getArray()))
                .optional().orElse(Set.of());
    }

    void add(PrivacyEngine.Scope scope, GroupKey group, Set<Member> members, int respondents) {
        jdbc.sql("""
                insert into release_ledger (network_id, window_name, relationship, group_key, members, respondents, released_on)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(scope.networkId(), scope.windowName(), scope.relationship(), group.toString(),
                        members.stream().map(Member::toString).toArray(String[]::new), respondents, LocalDate.now())
                .update();
    }

    private static Set<Member> members(String[] text) {
        Set<Member> out = new HashSet<>();
        Arrays.stream(text).forEach(t -> out.add(Member.parse(t).orElseThrow()));
        return Set.copyOf(out);
    }
}
