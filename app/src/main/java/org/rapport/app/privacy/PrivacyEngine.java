package org.rapport.app.privacy;

import java.time.LocalDate;
import java.util.ArrayList;
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
        record Shown(String key, Set<String> members) {
        }
        List<Shown> ledger = new ArrayList<>(jdbc.sql("""
                        select group_key, members from release_ledger where network_id = ? and window_name = ? and relationship = ?
                        order by id""")
                .params(scope.networkId(), scope.windowName(), scope.relationship())
                .query((rs, n) -> new Shown(rs.getString(1), Set.of((String[]) rs.getArray(2).getArray())))
                .list());
        Map<String, Release> out = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> group : groups.entrySet()) {
            String key = group.getKey();
            Set<String> members = group.getValue();
            Set<String> latest = null;
            for (Shown s : ledger) {
                if (s.key().equals(key)) {
                    latest = s.members();
                }
            }
            int respondents = Disclosure.respondents(members);
            if (members.equals(latest)) {
                out.put(key, new Release(Release.Outcome.SHOWN, members, respondents));
                continue;
            }
            List<Set<String>> candidate = new ArrayList<>();
            Set<Set<String>> distinct = new HashSet<>();
            for (Shown s : ledger) {
                if (distinct.add(s.members())) {
                    candidate.add(s.members());
                }
            }
            candidate.add(members);
            if (respondents >= k && Disclosure.safe(candidate, k)) {
                ledger.add(new Shown(key, members));
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
}
