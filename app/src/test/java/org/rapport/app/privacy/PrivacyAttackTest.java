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

    static Set<String> people(int n) {
        return IntStream.range(0, n).mapToObj(i -> UUID.randomUUID().toString()).collect(Collectors.toCollection(HashSet::new));
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    PrivacyEngine.Scope scope() {
        return new PrivacyEngine.Scope(fixtures.network(), "Attack " + UUID.randomUUID(), "PUPIL_SCHOOL");
    }

    /** Whether the shown member sets let someone isolate {@code target} by whole-set additions and subtractions of pairs. */
    static boolean derivable(Set<String> target, Iterable<Release> shown) {
        for (Release a : shown) {
            for (Release b : shown) {
                if (!a.shown() || !b.shown()) {
                    continue;
                }
                Set<String> diff = new HashSet<>(a.members());
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
        Set<String> a = people(12);
        Set<String> b = people(9);
        Set<String> small = people(3);
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        groups.put("school:1", union(union(a, b), small));
        groups.put("class:a", a);
        groups.put("class:b", b);
        groups.put("class:small", small);
        Map<String, Release> r = engine.release(scope(), groups);
        assertThat(r.get("class:small").outcome()).isEqualTo(Release.Outcome.TOO_FEW);
        assertThat(r.get("school:1").shown()).isTrue();
        // complementary suppression: one of the siblings must go too, else school − a − b = small
        assertThat(r.get("class:a").shown() && r.get("class:b").shown()).isFalse();
        assertThat(Disclosure.safe(r.values().stream().filter(Release::shown).map(Release::members).toList(), 5)).isTrue();
    }

    @Test
    void totalsMinusOneSubgroup_aClassAndTheSameClassWithoutOnePupilsSubgroup() {
        // Attack: a class of 20, then the same class without a subgroup of 2 (a filter): the difference is 2 pupils.
        Set<String> rest = people(18);
        Set<String> pair = people(2);
        PrivacyEngine.Scope scope = scope();
        Release whole = engine.release(scope, Map.of("class:x", union(rest, pair))).get("class:x");
        Release filtered = engine.release(scope, Map.of("class:x|filter", rest)).get("class:x|filter");
        assertThat(whole.shown()).isTrue();
        assertThat(filtered.shown()).isFalse();
        assertThat(filtered.outcome()).isEqualTo(Release.Outcome.WOULD_EXPOSE);
    }

    @Test
    void overlappingFilters_twoGroupsSharingAllButOneMember() {
        // Attack: group A = S ∪ {x}, group B = S ∪ {y}; A − B = x − y, and with a third group S the two single pupils.
        Set<String> shared = people(10);
        Set<String> x = people(1);
        Set<String> y = people(1);
        PrivacyEngine.Scope scope = scope();
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        groups.put("year:8", union(shared, x));
        groups.put("subject:art", union(shared, y));
        groups.put("club:chess", shared);
        Map<String, Release> r = engine.release(scope, groups);
        assertThat(r.get("year:8").shown()).isTrue();
        assertThat(r.values()).filteredOn(Release::shown).hasSizeLessThan(3);
        assertThat(derivable(x, r.values())).isFalse();
        assertThat(derivable(y, r.values())).isFalse();
    }

    @Test
    void repeatedQueries_oneMoreAnswerArrivesAndTheClassIsAskedForAgain() {
        // Attack: look at the class at n = 8, wait for one more answer, look again: the change is that one pupil.
        PrivacyEngine.Scope scope = scope();
        Set<String> before = people(8);
        Release first = engine.release(scope, Map.of("class:y", before)).get("class:y");
        Set<String> after = union(before, people(1));
        Release second = engine.release(scope, Map.of("class:y", after)).get("class:y");
        assertThat(first.outcome()).isEqualTo(Release.Outcome.SHOWN);
        assertThat(second.outcome()).isEqualTo(Release.Outcome.EARLIER);
        assertThat(second.members()).isEqualTo(before);
        // once five more have answered, the class moves on: the newcomers are a group of k
        Set<String> later = union(after, people(4));
        Release third = engine.release(scope, Map.of("class:y", later)).get("class:y");
        assertThat(third.outcome()).isEqualTo(Release.Outcome.SHOWN);
        assertThat(third.members()).isEqualTo(later);
    }

    @Test
    void repeatedQueries_theLedgerSurvivesAcrossRequestsAndWindowsOfOneNameShareIt() {
        // Attack: ask the network total, then the network total of one school fewer — by separate requests.
        PrivacyEngine.Scope scope = scope();
        Set<String> s1 = people(30);
        Set<String> s2 = people(3);
        assertThat(engine.release(scope, Map.of("network", union(s1, s2))).get("network").shown()).isTrue();
        Release schoolOne = engine.release(scope, Map.of("school:1", s1)).get("school:1");
        assertThat(schoolOne.shown()).as("network minus school 1 would be school 2's three pupils").isFalse();
    }

    @Test
    void perTeacherBlocksCountPeopleNotBlocks() {
        // Attack: 3 pupils with 2 teachers each make 6 blocks; the threshold counts the 3 pupils.
        Set<String> blocks = new HashSet<>();
        for (String p : people(3)) {
            blocks.add(p + "/11");
            blocks.add(p + "/12");
        }
        PrivacyEngine.Scope scope = new PrivacyEngine.Scope(fixtures.network(), "Attack " + UUID.randomUUID(), "PUPIL_TEACHER");
        assertThat(engine.release(scope, Map.of("school:1", blocks)).get("school:1").outcome()).isEqualTo(Release.Outcome.TOO_FEW);
    }

    @Test
    void theReductionFindsCombinationsNotJustSingleCells() {
        // Attack: with totals A∪B∪C, A∪B and B∪C of large A, C and small B, then A∪B∪C − (A∪B) − (B∪C) + B ... needs B;
        // instead (A∪B) + (B∪C) − (A∪B∪C) = B directly.
        Set<String> a = people(10);
        Set<String> b = people(2);
        Set<String> c = people(10);
        assertThat(Disclosure.safe(java.util.List.of(union(union(a, b), c), union(a, b), union(b, c)), 5)).isFalse();
        assertThat(Disclosure.safe(java.util.List.of(union(union(a, b), c), union(a, b)), 5)).isTrue();
    }
}
