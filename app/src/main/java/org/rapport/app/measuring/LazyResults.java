package org.rapport.app.measuring;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import org.rapport.app.privacy.GroupKey;

/**
 * One scale's results by group, in canonical order, where a group the model measures is estimated only when a page first
 * asks for it (a school's page needs its own classes, teachers and teams, not the network's thousands of groups), then
 * kept. Which groups are shown, their school, respondents and invited are known at once: the privacy engine decided them
 * on counts. The estimate runs under the wave's estimate lock ({@code WaveState.estimates}, never the state's monitor, which
 * is held while the wave waits for its database report lock), so each group is estimated once.
 * Iterating the whole map (freezing a wave, tests) estimates every group.
 */
final class LazyResults extends AbstractMap<GroupKey, GroupResult> {
    private final Object lock;
    private final Map<GroupKey, Slot> slots = new LinkedHashMap<>();

    /** {@code lock}: the wave's estimate lock, which every estimate of the wave holds. */
    LazyResults(Object lock) {
        this.lock = lock;
    }

    /** A group's result, ready ({@code value} set) or to be estimated once ({@code compute}). */
    private final class Slot {
        final GroupKey key;
        final long schoolId;
        final boolean shown;
        private volatile GroupResult value;
        private Supplier<GroupResult> compute;

        Slot(GroupKey key, long schoolId, boolean shown, GroupResult value, Supplier<GroupResult> compute) {
            this.key = key;
            this.schoolId = schoolId;
            this.shown = shown;
            this.value = value;
            this.compute = compute;
        }

        GroupResult get() {
            GroupResult v = value;
            if (v != null) {
                return v;
            }
            synchronized (lock) {
                if (value == null) {
                    value = compute.get();
                    compute = null;
                }
                return value;
            }
        }

        boolean ready() {
            return value != null;
        }
    }

    /** A result known now. */
    void ready(GroupResult result) {
        slots.put(result.key(), new Slot(result.key(), result.schoolId(), result.shown(), result, null));
    }

    /** A shown group's result, estimated when first asked for. */
    void deferred(GroupKey key, long schoolId, Supplier<GroupResult> compute) {
        slots.put(key, new Slot(key, schoolId, true, null, compute));
    }

    /** The results known now, without estimating any. */
    List<GroupResult> readyValues() {
        List<GroupResult> out = new ArrayList<>();
        for (Slot slot : slots.values()) {
            if (slot.ready()) {
                out.add(slot.value);
            }
        }
        return out;
    }

    /** The shown results of one kind whose school passes {@code school}: only those are estimated. */
    List<GroupResult> shown(GroupKey.Kind kind, LongPredicate school) {
        List<GroupResult> out = new ArrayList<>();
        for (Slot slot : slots.values()) {
            if (slot.key.kind() == kind && slot.shown && school.test(slot.schoolId)) {
                out.add(slot.get());
            }
        }
        return out;
    }

    @Override
    public GroupResult get(Object key) {
        Slot slot = slots.get(key);
        return slot == null ? null : slot.get();
    }

    @Override
    public boolean containsKey(Object key) {
        return slots.containsKey(key);
    }

    @Override
    public int size() {
        return slots.size();
    }

    @Override
    public Set<Map.Entry<GroupKey, GroupResult>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<GroupKey, GroupResult>> iterator() {
                Iterator<Slot> it = slots.values().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Map.Entry<GroupKey, GroupResult> next() {
                        Slot slot = it.next();
                        return new SimpleImmutableEntry<>(slot.key, slot.get());
                    }
                };
            }

            @Override
            public int size() {
                return slots.size();
            }
        };
    }
}
