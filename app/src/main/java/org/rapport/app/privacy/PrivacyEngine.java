package org.rapport.app.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rapport.app.config.RapportProperties;
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
    private final ReleaseLedger ledger;
    private final int k;

    PrivacyEngine(ReleaseLedger ledger, RapportProperties properties) {
        this.ledger = ledger;
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
    public Map<GroupKey, Release> release(Scope scope, Map<GroupKey, Set<Member>> groups) {
        ledger.lock(scope);
        // every distinct member set shown so far, and each group's latest
        List<Set<Member>> shown = new ArrayList<>();
        Set<Set<Member>> distinct = new HashSet<>();
        Map<GroupKey, Set<Member>> latestOf = new HashMap<>();
        for (ReleaseLedger.Entry e : ledger.entries(scope)) {
            latestOf.put(e.group(), e.members());
            if (distinct.add(e.members())) {
                shown.add(e.members());
            }
        }
        Map<GroupKey, Release> out = new LinkedHashMap<>();
        for (Map.Entry<GroupKey, Set<Member>> group : groups.entrySet()) {
            GroupKey key = group.getKey();
            Set<Member> members = group.getValue();
            Set<Member> latest = latestOf.get(key);
            int respondents = Disclosure.respondents(members);
            if (members.equals(latest)) {
                out.put(key, new Release(Release.Outcome.SHOWN, members, respondents));
                continue;
            }
            List<Set<Member>> candidate = new ArrayList<>(shown);
            if (!distinct.contains(members)) {
                candidate.add(members);
            }
            if (respondents >= k && Disclosure.safe(candidate, k)) {
                latestOf.put(key, members);
                if (distinct.add(members)) {
                    shown.add(members);
                }
                ledger.add(scope, key, members, respondents);
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
    @Transactional(readOnly = true)
    public Set<Member> shownMembers(Scope scope, GroupKey group) {
        return ledger.latest(scope, group);
    }
}
