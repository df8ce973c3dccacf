package org.rapport.app.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rapport.app.config.RapportProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one gate every group result passes before any page, chart, CSV or API answer shows it. A group
 * is shown only when it has at least k respondents and when, together with every group ever shown in
 * the same scope (a network's windows of one name, one relationship), no set of fewer than k
 * respondents can be derived by adding and subtracting totals ({@link Audit}). That covers sibling
 * cells and totals (complementary suppression), overlapping filters and repeated queries as answers
 * arrive: the ledger remembers each group shown and the batch up to which its members were shown, and
 * a group that cannot be shown afresh is shown as it last was, or not at all.
 */
@Service
public class PrivacyEngine {
    /**
     * A team is shown only when at least this many of its teachers have their own results shown, and only
     * when no combination of the groups the leaders see isolates fewer teachers ({@link LeadersAudit}): a
     * team of one is that teacher's private result, and a team of two, less one, the other's.
     */
    public static final int MIN_TEAM_TEACHERS = 3;
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

    /**
     * Decides each group, in the given order (so that results do not depend on who looks first), as it
     * stands with the members of batches up to {@code watermark}, and records what is shown.
     */
    @Transactional
    public Map<GroupKey, Release> release(Scope scope, Population population, long watermark, List<GroupKey> groups) {
        ledger.lock(scope);
        List<ReleaseLedger.Entry> entries = ledger.entries(scope);
        Map<GroupKey, ReleaseLedger.Entry> latest = new HashMap<>();
        List<Audit.Version> versions = new ArrayList<>();
        List<Audit.Version> shown = new ArrayList<>();
        for (ReleaseLedger.Entry e : entries) {
            latest.put(e.group(), e);
            Audit.Version v = new Audit.Version(cells(population, e.group(), e.definition()), e.watermark());
            shown.add(v);
            versions.add(v);
        }
        Map<GroupKey, int[]> cells = new LinkedHashMap<>();
        for (GroupKey group : groups) {
            int[] c = population.cellsOf(group);
            cells.put(group, c);
            versions.add(new Audit.Version(c, watermark));
        }
        // the audit is built only when a group has new members to check: a look with nothing new costs counting alone
        Audit audit = null;
        LeadersAudit leaders = null;
        // what the leaders were shown: every make-up of every group but a teacher's own, and those shown in this look
        List<int[]> shownToLeaders = new ArrayList<>();
        for (ReleaseLedger.Entry e : entries) {
            if (e.group().kind() != GroupKey.Kind.TEACHER) {
                shownToLeaders.add(cells(population, e.group(), e.definition()));
            }
        }
        Headcount headcount = new Headcount();
        Map<GroupKey, Release> out = new LinkedHashMap<>();
        List<ReleaseLedger.Entry> added = new ArrayList<>();
        for (GroupKey group : groups) {
            int[] c = cells.get(group);
            long[] definition = population.definition(group);
            int respondents = headcount.of(population, c, watermark);
            ReleaseLedger.Entry last = latest.get(group);
            boolean sameMakeUp = last != null && Arrays.equals(last.definition(), definition);
            // a team of teachers: its definition names them (a group whose key says who is in it has none)
            boolean team = group.kind() == GroupKey.Kind.TEAM && definition != null;
            if (team && teachersShown(out, definition) < MIN_TEAM_TEACHERS) {
                // never as it was first shown either: a team shown before this rule may have been one teacher
                out.put(group, Release.hidden(Release.Outcome.TOO_FEW_TEACHERS));
                continue;
            }
            if (team && !sameMakeUp && respondents >= k) {
                if (leaders == null) {
                    List<int[]> all = new ArrayList<>(shownToLeaders);
                    groups.stream().filter(g -> g.kind() == GroupKey.Kind.TEAM).map(cells::get).forEach(all::add);
                    leaders = new LeadersAudit(population, all);
                    // small groups first keep the basis rows short; the order does not change the span
                    shownToLeaders.stream().sorted((a, b) -> Integer.compare(a.length, b.length)).forEach(leaders::add);
                }
                if (leaders.exposesATeacher(c)) {
                    out.put(group, Release.hidden(Release.Outcome.WOULD_EXPOSE));
                    continue;
                }
            }
            if (sameMakeUp && headcount.of(population, c, last.watermark()) == respondents && respondents >= k) {
                // nobody new since it was last shown: the same members (cells' members only grow with batches)
                out.put(group, new Release(Release.Outcome.SHOWN, watermark, respondents));
                continue;
            }
            if (respondents >= k && audit == null) {
                audit = new Audit(population, k, versions);
                // the order of insertion does not change the reduced basis; small groups first keep its rows short
                shown.sort((a, b) -> Integer.compare(a.cells().length, b.cells().length));
                shown.forEach(audit::add);
            }
            if (respondents >= k && audit.tryAdd(new Audit.Version(c, watermark))) {
                ReleaseLedger.Entry entry = new ReleaseLedger.Entry(group, watermark, definition, respondents);
                added.add(entry);
                if (group.kind() != GroupKey.Kind.TEACHER) {
                    shownToLeaders.add(c);
                    if (leaders != null) {
                        leaders.add(c);
                    }
                }
                latest.put(group, entry);
                out.put(group, new Release(Release.Outcome.SHOWN, watermark, respondents));
            } else if (sameMakeUp) {
                out.put(group, new Release(Release.Outcome.EARLIER, last.watermark(), last.respondents()));
            } else {
                // never shown, or shown with other members (a team since changed) whose results are no longer at hand
                out.put(group, Release.hidden(respondents < k ? Release.Outcome.TOO_FEW : Release.Outcome.WOULD_EXPOSE));
            }
        }
        ledger.addAll(scope, added);
        return out;
    }

    /**
     * Whether a team shown in the network's windows of this name was made of {@code teacher} without {@code without}:
     * the records of two teachers cannot then be merged into one, since that team's make-up, as the ledger keeps
     * it, would come to stand for other pupils than it was shown with.
     */
    public boolean teamShownWith(long networkId, String windowName, long teacher, long without) {
        return ledger.teamShownWith(networkId, windowName, teacher, without);
    }

    /**
     * The ledger's record of what was shown about teacher {@code from} becomes {@code into}'s, as their answers do
     * when two records of one person are merged (each wave had answers about one of them at most, so every group
     * shown keeps exactly its members). Answers how many ledger rows changed.
     */
    @Transactional
    public int moveTeacher(long networkId, long from, long into) {
        return ledger.moveTeacher(networkId, from, into);
    }

    /** How many of a team's teachers have their own results shown in this look (teachers are decided before teams). */
    private static int teachersShown(Map<GroupKey, Release> decided, long[] teachers) {
        int shown = 0;
        for (long t : teachers == null ? new long[0] : teachers) {
            Release r = decided.get(GroupKey.teacher(t));
            if (r != null && r.shown()) {
                shown++;
            }
        }
        return shown;
    }

    private static int[] cells(Population population, GroupKey group, long[] definition) {
        return definition == null ? population.cellsOf(group) : population.cellsOf(group, definition);
    }
}
