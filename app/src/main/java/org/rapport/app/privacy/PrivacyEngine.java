package org.rapport.app.privacy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rapport.app.config.RapportProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one gate every group result passes before any page, chart, CSV or API answer shows it. A group
 * is shown only when it has at least k respondents and when, together with every group ever shown in
 * the same scope (a network's windows of one name, one relationship), no set of fewer than k
 * respondents can be derived by adding and subtracting totals ({@link Disclosure}). That covers
 * sibling cells and totals (complementary suppression), overlapping filters and repeated queries as
 * answers arrive: the ledger remembers exactly who was in each group shown, and a group that cannot
 * be shown afresh is shown as it last was, or not at all.
 */
@Service
public class PrivacyEngine {
    private final JdbcClient jdbc;
    private final int k;

    public PrivacyEngine(JdbcClient jdbc, RapportProperties properties) {
        this.jdbc = jdbc;
        this.k = properties.minCellSize();
    }

    public int minCellSize() {
        return k;
    }

    /** The scope of one ledger. */
    public record Scope(long networkId, String windowName, String relationship) {
    }

    /** Decides each group in the given order (so that results do not depend on who looks first) and records what is shown. */
    @Transactional
    public Map<String, Release> release(Scope scope, Map<String, Set<String>> groups) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
                .param(scope.networkId() + "/" + scope.windowName() + "/" + scope.relationship()).query().singleRow();
        // every distinct member set shown so far, and each group's latest
        List<Set<String>> shown = new ArrayList<>();
        Set<Set<String>> distinct = new HashSet<>();
        Map<String, Set<String>> latestOf = new HashMap<>();
        jdbc.sql("""
                        select group_key, members from release_ledger where network_id = ? and window_name = ? and relationship = ?
                        order by id""")
                .params(scope.networkId(), scope.windowName(), scope.relationship())
                .query(rs -> {
                    Set<String> members = Set.of((String[]) rs.getArray(2).getArray());
                    latestOf.put(rs.getString(1), members);
                    if (distinct.add(members)) {
                        shown.add(members);
                    }
                });
        Map<String, Release> out = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> group : groups.entrySet()) {
            String key = group.getKey();
            Set<String> members = group.getValue();
            Set<String> latest = latestOf.get(key);
            int respondents = Disclosure.respondents(members);
            if (members.equals(latest)) {
                out.put(key, new Release(Release.Outcome.SHOWN, members, respondents));
                continue;
            }
            List<Set<String>> candidate = new ArrayList<>(shown);
            if (!distinct.contains(members)) {
                candidate.add(members);
            }
            if (respondents >= k && Disclosure.safe(candidate, k)) {
                latestOf.put(key, members);
                if (distinct.add(members)) {
                    shown.add(members);
                }
                jdbc.sql("""
                        insert into release_ledger (network_id, window_name, relationship, group_key, members, respondents, released_on)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                        .params(scope.networkId(), scope.windowName(), scope.relationship(), key,
                                members.toArray(String[]::new), respondents, LocalDate.now())
                        .update();
                out.put(key, new Release(Release.Outcome.SHOWN, members, respondents));
            } else if (latest != null) {
                out.put(key, new Release(Release.Outcome.EARLIER, latest, Disclosure.respondents(latest)));
            } else {
                out.put(key, Release.hidden(respondents < k ? Release.Outcome.TOO_FEW : Release.Outcome.WOULD_EXPOSE));
            }
        }
        return out;
    }

    /** The members of a group as it was last shown in the scope, or empty if it never was. */
    public Set<String> shownMembers(Scope scope, String groupKey) {
        return jdbc.sql("""
                        select members from release_ledger where network_id = ? and window_name = ? and relationship = ? and group_key = ?
                        order by id desc limit 1""")
                .params(scope.networkId(), scope.windowName(), scope.relationship(), groupKey)
                .query((rs, n) -> Set.of((String[]) rs.getArray(1).getArray()))
                .optional().orElse(Set.of());
    }
}
