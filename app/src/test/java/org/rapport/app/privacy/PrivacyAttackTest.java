package org.rapport.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
    static boolean derivable(Set<Member> target, Iterable<SetRelease.Shown> shown) {
        for (SetRelease.Shown a : shown) {
            for (SetRelease.Shown b : shown) {
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
        Map<GroupKey, SetRelease.Shown> r = new SetRelease(engine, scope()).release(groups);
        assertThat(r.get(GroupKey.ofClass(3)).outcome()).isEqualTo(Release.Outcome.TOO_FEW);
        assertThat(r.get(GroupKey.school(1)).shown()).isTrue();
        // complementary suppression: one of the siblings must go too, else school − a − b = small
        assertThat(r.get(GroupKey.ofClass(1)).shown() && r.get(GroupKey.ofClass(2)).shown()).isFalse();
        assertThat(Disclosure.safe(r.values().stream().filter(SetRelease.Shown::shown).map(SetRelease.Shown::members).toList(), 5)).isTrue();
    }

    @Test
    void totalsMinusOneSubgroup_aClassAndTheSameClassWithoutOnePupilsSubgroup() {
        // Attack: a class of 20, then the same class without a subgroup of 2 (a filter, its own group): the difference is 2 pupils.
        Set<Member> rest = people(18);
        Set<Member> pair = people(2);
        SetRelease ledger = new SetRelease(engine, scope());
        SetRelease.Shown whole = ledger.release(Map.of(GroupKey.ofClass(10), union(rest, pair))).get(GroupKey.ofClass(10));
        SetRelease.Shown filtered = ledger.release(Map.of(GroupKey.team(11), rest)).get(GroupKey.team(11));
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
        SetRelease ledger = new SetRelease(engine, scope());
        Map<GroupKey, Set<Member>> groups = new LinkedHashMap<>();
        groups.put(GroupKey.team(8), union(shared, x));
        groups.put(GroupKey.team(9), union(shared, y));
        groups.put(GroupKey.team(10), shared);
        Map<GroupKey, SetRelease.Shown> r = ledger.release(groups);
        assertThat(r.get(GroupKey.team(8)).shown()).isTrue();
        assertThat(r.values()).filteredOn(SetRelease.Shown::shown).hasSizeLessThan(3);
        assertThat(derivable(x, r.values())).isFalse();
        assertThat(derivable(y, r.values())).isFalse();
    }

    @Test
    void repeatedQueries_oneMoreAnswerArrivesAndTheClassIsAskedForAgain() {
        // Attack: look at the class at n = 8, wait for one more answer, look again: the change is that one pupil.
        SetRelease ledger = new SetRelease(engine, scope());
        Set<Member> before = people(8);
        SetRelease.Shown first = ledger.release(Map.of(GroupKey.ofClass(20), before)).get(GroupKey.ofClass(20));
        Set<Member> after = union(before, people(1));
        SetRelease.Shown second = ledger.release(Map.of(GroupKey.ofClass(20), after)).get(GroupKey.ofClass(20));
        assertThat(first.outcome()).isEqualTo(Release.Outcome.SHOWN);
        assertThat(second.outcome()).isEqualTo(Release.Outcome.EARLIER);
        assertThat(second.members()).isEqualTo(before);
        // once five more have answered, the class moves on: the newcomers are a group of k
        Set<Member> later = union(after, people(4));
        SetRelease.Shown third = ledger.release(Map.of(GroupKey.ofClass(20), later)).get(GroupKey.ofClass(20));
        assertThat(third.outcome()).isEqualTo(Release.Outcome.SHOWN);
        assertThat(third.members()).isEqualTo(later);
    }

    @Test
    void repeatedQueries_theLedgerSurvivesAcrossRequestsAndWindowsOfOneNameShareIt() {
        // Attack: ask the network total, then the network total of one school fewer — by separate requests.
        SetRelease ledger = new SetRelease(engine, scope());
        Set<Member> s1 = people(30);
        Set<Member> s2 = people(3);
        assertThat(ledger.release(Map.of(GroupKey.NETWORK, union(s1, s2))).get(GroupKey.NETWORK).shown()).isTrue();
        SetRelease.Shown schoolOne = ledger.release(Map.of(GroupKey.school(1), s1)).get(GroupKey.school(1));
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
        SetRelease ledger = new SetRelease(engine, new PrivacyEngine.Scope(fixtures.network(), "Attack " + UUID.randomUUID(), "PUPIL_TEACHER"));
        assertThat(ledger.release(Map.of(GroupKey.school(1), blocks)).get(GroupKey.school(1)).outcome()).isEqualTo(Release.Outcome.TOO_FEW);
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

    @Test
    void differencingInsideAHundredSchoolNetwork_networkMinusNinetyNineSchoolsIsRefused() {
        // Attack: a network of 100 schools (25 teachers, 60 pupils each about 3 teachers); one school has 3 pupils.
        // The network total minus the 99 other schools' totals would be that school's three pupils.
        SetRelease ledger = new SetRelease(engine, new PrivacyEngine.Scope(fixtures.network(), "Attack " + UUID.randomUUID(), "PUPIL_TEACHER"));
        Map<GroupKey, Set<Member>> groups = new LinkedHashMap<>();
        Set<Member> network = new HashSet<>();
        groups.put(GroupKey.NETWORK, network);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int school = 1; school <= 100; school++) {
            Set<Member> blocks = new HashSet<>();
            int pupils = school == 37 ? 3 : 60;
            for (Member p : people(pupils)) {
                for (int k = 0; k < 3; k++) {
                    long teacher = school * 100L + random.nextInt(25);
                    Member block = new Member(p.response(), teacher);
                    blocks.add(block);
                    groups.computeIfAbsent(GroupKey.teacher(teacher), t -> new HashSet<>()).add(block);
                }
            }
            network.addAll(blocks);
            groups.put(GroupKey.school(school), blocks);
        }
        Map<GroupKey, Set<Member>> ordered = new java.util.TreeMap<>(groups);
        Map<GroupKey, SetRelease.Shown> r = ledger.release(ordered);
        assertThat(r.get(GroupKey.school(37)).outcome()).isEqualTo(Release.Outcome.TOO_FEW);
        assertThat(r.get(GroupKey.NETWORK).shown()).isTrue();
        long otherSchoolsShown = java.util.stream.IntStream.rangeClosed(1, 100).filter(s -> s != 37)
                .filter(s -> r.get(GroupKey.school(s)).shown()).count();
        assertThat(otherSchoolsShown).as("all 99 others shown beside the network would give school 37 away").isLessThan(99);
        assertThat(otherSchoolsShown).as("one suppressed school is enough").isEqualTo(98);
    }

    @Test
    void aClassArrivingInTwoBatchesIsNotLeftAsTheRemainderOfTheSchool() {
        // Attack: the school was shown once with 8 members, then with 20; beside the second, classes 1 and 5
        // and team 2 (classes 2 and 3) are shown. School minus those three groups is class 4's four pupils,
        // though no single batch of them is derivable alone (two came before the first look, two after).
        // Members are numbered in a different order each time (the audit's column order must not matter).
        for (int attempt = 0; attempt < 20; attempt++) {
            twoBatchRemainder();
        }
    }

    private void twoBatchRemainder() {
        SetRelease ledger = new SetRelease(engine, scope());
        List<Set<Member>> classes = java.util.stream.Stream.generate(() -> (Set<Member>) new HashSet<Member>()).limit(5)
                .collect(Collectors.toList());
        int[][] arrivals = {{2, 1, 1, 2, 2}, {3, 1, 2, 2, 4}};
        Map<GroupKey, SetRelease.Shown> last = Map.of();
        List<Set<Member>> shown = new java.util.ArrayList<>();
        for (int[] round : arrivals) {
            for (int c = 0; c < 5; c++) {
                classes.get(c).addAll(people(round[c]));
            }
            Map<GroupKey, Set<Member>> groups = new LinkedHashMap<>();
            Set<Member> school = new HashSet<>();
            classes.forEach(school::addAll);
            groups.put(GroupKey.school(1), school);
            for (int c = 0; c < 5; c++) {
                groups.put(GroupKey.ofClass(c + 1), new HashSet<>(classes.get(c)));
            }
            groups.put(GroupKey.team(1), union(classes.get(0), classes.get(1)));
            groups.put(GroupKey.team(2), union(classes.get(1), classes.get(2)));
            last = ledger.release(groups);
            last.values().stream().filter(SetRelease.Shown::shown).map(SetRelease.Shown::members).forEach(shown::add);
        }
        Map<GroupKey, SetRelease.Shown> second = last;
        assertThat(second.get(GroupKey.school(1)).shown()).isTrue();
        assertThat(second.get(GroupKey.ofClass(4)).outcome()).isEqualTo(Release.Outcome.TOO_FEW);
        assertThat(java.util.stream.Stream.of(GroupKey.ofClass(1), GroupKey.ofClass(5), GroupKey.team(2))
                .allMatch(g -> second.get(g).shown())).as("school - class 1 - class 5 - team 2 = class 4").isFalse();
        assertThat(Disclosure.safe(shown, 5)).isTrue();
    }

    @Test
    void whateverIsShownTheDenseAuditFindsNothingSmall() {
        // Attack: many rounds of arrivals into a school of classes and overlapping teams of random sizes; after each,
        // every group is asked for. The independent dense audit must find no set of fewer than five in what was shown.
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            SetRelease ledger = new SetRelease(engine, scope());
            List<Set<Member>> classes = new java.util.ArrayList<>();
            for (int c = 0; c < 8; c++) {
                classes.add(new HashSet<>());
            }
            List<Set<Member>> shown = new java.util.ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (Set<Member> c : classes) {
                    c.addAll(people(random.nextInt(5)));
                }
                Map<GroupKey, Set<Member>> groups = new LinkedHashMap<>();
                Set<Member> school = new HashSet<>();
                classes.forEach(school::addAll);
                groups.put(GroupKey.school(1), school);
                for (int c = 0; c < classes.size(); c++) {
                    groups.put(GroupKey.ofClass(c + 1), new HashSet<>(classes.get(c)));
                }
                groups.put(GroupKey.team(1), union(classes.get(0), classes.get(1)));
                groups.put(GroupKey.team(2), union(classes.get(1), classes.get(2)));
                groups.put(GroupKey.team(3), union(union(classes.get(3), classes.get(5)), classes.get(7)));
                groups.put(GroupKey.team(4), union(classes.get(5), classes.get(6)));
                ledger.release(groups).values().stream().filter(SetRelease.Shown::shown).map(SetRelease.Shown::members)
                        .forEach(shown::add);
                assertThat(Disclosure.safe(shown, 5)).as("trial %d round %d", trial, round).isTrue();
            }
        }
    }
}
