package org.rapport.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Attacks on the privacy engine. Each test states its attack; in each, whatever the engine lets
 * through, no set of fewer than k = 5 respondents can be isolated by adding and subtracting the
 * totals shown (checked independently by {@link #derivable}).
 */
class PrivacyAttackTest extends AppTest {
    @Autowired
    PrivacyEngine engine;
    @Autowired
    Fixtures fixtures;

    static Set<Member> people(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Member(UUID.randomUUID(), null)).collect(Collectors.toCollection(HashSet::new));
    }

    static Set<Member> union(Set<Member> a, Set<Member> b) {
        Set<Member> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    PrivacyEngine.Scope scope() {
        return new PrivacyEngine.Scope(fixtures.network(), "Attack " + UUID.randomUUID(), "PUPIL_SCHOOL");
    }

    /** Whether the shown member sets let someone isolate {@code target} by whole-set additions and subtractions of pairs. */
    static boolean derivable(Set<Member> target, Iterable<Release> shown) {
        for (Release a : shown) {
            for (Release b : shown) {
                if (!a.shown() || !b.shown()) {
                    continue;
                }
                Set<Member> diff = new HashSet<>(a.members());
                diff.removeAll(b.members());
                if (b.members().stream().allMatch(a.members()::contains) && diff.equals(target)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void siblingSubtraction_schoolTotalMinusTheOtherClassesRevealsASmallClass() {
        // Attack: the school total minus every shown class leaves the hidden class of 3.
        Set<Member> a = people(12);
        Set<Member> b = people(9);
        Set<Member> small = people(3);
        Map<GroupKey, Set<Member>> groups = new LinkedHashMap<>();
        groups.put(GroupKey.school(1), union(union(a, b), small));
        groups.put(GroupKey.ofClass(1), a);
        groups.put(GroupKey.ofClass(2), b);
        groups.put(GroupKey.ofClass(3), small);
        Map<GroupKey, Release> r = engine.release(scope(), groups);
        assertThat(r.get(GroupKey.ofClass(3)).outcome()).isEqualTo(Release.Outcome.TOO_FEW);
        assertThat(r.get(GroupKey.school(1)).shown()).isTrue();
        // complementary suppression: one of the siblings must go too, else school − a − b = small
        assertThat(r.get(GroupKey.ofClass(1)).shown() && r.get(GroupKey.ofClass(2)).shown()).isFalse();
        assertThat(Disclosure.safe(r.values().stream().filter(Release::shown).map(Release::members).toList(), 5)).isTrue();
    }

    @Test
    void totalsMinusOneSubgroup_aClassAndTheSameClassWithoutOnePupilsSubgroup() {
        // Attack: a class of 20, then the same class without a subgroup of 2 (a filter, its own group): the difference is 2 pupils.
        Set<Member> rest = people(18);
        Set<Member> pair = people(2);
        PrivacyEngine.Scope scope = scope();
        Release whole = engine.release(scope, Map.of(GroupKey.ofClass(10), union(rest, pair))).get(GroupKey.ofClass(10));
        Release filtered = engine.release(scope, Map.of(GroupKey.team(11), rest)).get(GroupKey.team(11));
        assertThat(whole.shown()).isTrue();
        assertThat(filtered.shown()).isFalse();
        assertThat(filtered.outcome()).isEqualTo(Release.Outcome.WOULD_EXPOSE);
    }

    @Test
    void overlappingFilters_twoGroupsSharingAllButOneMember() {
        // Attack: group A = S ∪ {x}, group B = S ∪ {y}; A − B = x − y, and with a third group S the two single pupils.
        Set<Member> shared = people(10);
        Set<Member> x = people(1);
        Set<Member> y = people(1);
        PrivacyEngine.Scope scope = scope();
        Map<GroupKey, Set<Member>> groups = new LinkedHashMap<>();
        groups.put(GroupKey.team(8), union(shared, x));
        groups.put(GroupKey.team(9), union(shared, y));
        groups.put(GroupKey.team(10), shared);
        Map<GroupKey, Release> r = engine.release(scope, groups);
        assertThat(r.get(GroupKey.team(8)).shown()).isTrue();
        assertThat(r.values()).filteredOn(Release::shown).hasSizeLessThan(3);
        assertThat(derivable(x, r.values())).isFalse();
        assertThat(derivable(y, r.values())).isFalse();
    }

    @Test
    void repeatedQueries_oneMoreAnswerArrivesAndTheClassIsAskedForAgain() {
        // Attack: look at the class at n = 8, wait for one more answer, look again: the change is that one pupil.
        PrivacyEngine.Scope scope = scope();
        Set<Member> before = people(8);
        Release first = engine.release(scope, Map.of(GroupKey.ofClass(20), before)).get(GroupKey.ofClass(20));
        Set<Member> after = union(before, people(1));
        Release second = engine.release(scope, Map.of(GroupKey.ofClass(20), after)).get(GroupKey.ofClass(20));
        assertThat(first.outcome()).isEqualTo(Release.Outcome.SHOWN);
        assertThat(second.outcome()).isEqualTo(Release.Outcome.EARLIER);
        assertThat(second.members()).isEqualTo(before);
        // once five more have answered, the class moves on: the newcomers are a group of k
        Set<Member> later = union(after, people(4));
        Release third = engine.release(scope, Map.of(GroupKey.ofClass(20), later)).get(GroupKey.ofClass(20));
        assertThat(third.outcome()).isEqualTo(Release.Outcome.SHOWN);
        assertThat(third.members()).isEqualTo(later);
    }

    @Test
    void repeatedQueries_theLedgerSurvivesAcrossRequestsAndWindowsOfOneNameShareIt() {
        // Attack: ask the network total, then the network total of one school fewer — by separate requests.
        PrivacyEngine.Scope scope = scope();
        Set<Member> s1 = people(30);
        Set<Member> s2 = people(3);
        assertThat(engine.release(scope, Map.of(GroupKey.NETWORK, union(s1, s2))).get(GroupKey.NETWORK).shown()).isTrue();
        Release schoolOne = engine.release(scope, Map.of(GroupKey.school(1), s1)).get(GroupKey.school(1));
        assertThat(schoolOne.shown()).as("network minus school 1 would be school 2's three pupils").isFalse();
    }

    @Test
    void perTeacherBlocksCountPeopleNotBlocks() {
        // Attack: 3 pupils with 2 teachers each make 6 blocks; the threshold counts the 3 pupils.
        Set<Member> blocks = new HashSet<>();
        for (Member p : people(3)) {
            blocks.add(new Member(p.response(), 11L));
            blocks.add(new Member(p.response(), 12L));
        }
        PrivacyEngine.Scope scope = new PrivacyEngine.Scope(fixtures.network(), "Attack " + UUID.randomUUID(), "PUPIL_TEACHER");
        assertThat(engine.release(scope, Map.of(GroupKey.school(1), blocks)).get(GroupKey.school(1)).outcome()).isEqualTo(Release.Outcome.TOO_FEW);
    }

    @Test
    void theReductionFindsCombinationsNotJustSingleCells() {
        // Attack: with totals A∪B∪C, A∪B and B∪C of large A, C and small B, then A∪B∪C − (A∪B) − (B∪C) + B ... needs B;
        // instead (A∪B) + (B∪C) − (A∪B∪C) = B directly.
        Set<Member> a = people(10);
        Set<Member> b = people(2);
        Set<Member> c = people(10);
        assertThat(Disclosure.safe(java.util.List.of(union(union(a, b), c), union(a, b), union(b, c)), 5)).isFalse();
        assertThat(Disclosure.safe(java.util.List.of(union(union(a, b), c), union(a, b)), 5)).isTrue();
    }
}
