package org.rapport.app.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The privacy engine driven with groups written as member sets, as an attacker thinks of them: each
 * call is a new batch (members first seen in it arrive in it), each member is a cell of its own, and
 * a group's key stands for every member it was ever given (groups only grow, as real ones do).
 */
final class SetRelease {
    private final PrivacyEngine engine;
    private final PrivacyEngine.Scope scope;
    private final List<Member> members = new ArrayList<>();
    private final Map<Member, Integer> cellOf = new HashMap<>();
    private final List<Long> batchOf = new ArrayList<>();
    private final List<Integer> respondentOf = new ArrayList<>();
    private final Map<UUID, Integer> respondents = new HashMap<>();
    private final Map<GroupKey, Set<Integer>> groupCells = new HashMap<>();
    private long batch;

    SetRelease(PrivacyEngine engine, PrivacyEngine.Scope scope) {
        this.engine = engine;
        this.scope = scope;
        this.batch = System.nanoTime() % 1_000_000;
    }

    record Shown(Release release, Set<Member> members) {
        boolean shown() {
            return release.shown();
        }

        Release.Outcome outcome() {
            return release.outcome();
        }
    }

    Map<GroupKey, Shown> release(Map<GroupKey, Set<Member>> groups) {
        batch++;
        groups.forEach((key, set) -> {
            Set<Integer> cells = groupCells.computeIfAbsent(key, k -> new LinkedHashSet<>());
            for (Member m : set) {
                cells.add(cellOf.computeIfAbsent(m, x -> {
                    members.add(x);
                    batchOf.add(batch);
                    respondentOf.add(respondents.computeIfAbsent(x.response(), r -> respondents.size()));
                    return members.size() - 1;
                }));
            }
        });
        Map<GroupKey, Release> released = engine.release(scope, population(), batch, new ArrayList<>(groups.keySet()));
        Map<GroupKey, Shown> out = new LinkedHashMap<>();
        released.forEach((key, r) -> out.put(key, new Shown(r, membersUpTo(key, r))));
        return out;
    }

    private Set<Member> membersUpTo(GroupKey key, Release r) {
        Set<Member> out = new HashSet<>();
        if (r.shown()) {
            for (int cell : groupCells.get(key)) {
                if (batchOf.get(cell) <= r.watermark()) {
                    out.add(members.get(cell));
                }
            }
        }
        return out;
    }

    private Population population() {
        return new Population() {
            @Override
            public int cells() {
                return members.size();
            }

            @Override
            public long[] batches(int cell) {
                return new long[] {batchOf.get(cell)};
            }

            @Override
            public int[] respondents(int cell, int index) {
                return new int[] {respondentOf.get(cell)};
            }

            @Override
            public int[] cellsOf(GroupKey group) {
                return groupCells.getOrDefault(group, Set.of()).stream().mapToInt(Integer::intValue).toArray();
            }

            @Override
            public int[] cellsOf(GroupKey group, long[] definition) {
                return cellsOf(group);
            }

            @Override
            public long[] definition(GroupKey group) {
                return null;
            }
        };
    }
}
