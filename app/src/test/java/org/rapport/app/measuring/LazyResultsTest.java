package org.rapport.app.measuring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.privacy.Release;
import org.rapport.measure.GroupMeasure;

/** A scale's results estimated on demand: only what is asked for, once, whatever the threads, and under its own lock. */
class LazyResultsTest {

    private static GroupResult shown(GroupKey key, long school, double mean) {
        return new GroupResult(key, school, Release.Outcome.SHOWN, 30, 40, new GroupMeasure(30, 40, mean, 1, mean, 1, 0, 1, null, null),
                new int[5], new int[GroupResult.BANDS], 1);
    }

    @Test
    void onlyTheGroupsAskedForAreEstimatedAndEachOnce() throws Exception {
        Object lock = new Object();
        LazyResults results = new LazyResults(lock);
        AtomicInteger estimated = new AtomicInteger();
        results.ready(new GroupResult(GroupKey.teacher(9), 1, Release.Outcome.TOO_FEW, 0, 12, null, null, null, 0));
        for (long t = 1; t <= 6; t++) {
            long id = t;
            results.deferred(GroupKey.teacher(id), id <= 3 ? 1 : 2, () -> {
                estimated.incrementAndGet();
                return shown(GroupKey.teacher(id), id <= 3 ? 1 : 2, 50 + id);
            });
        }
        // which are shown, and where, is known without estimating any
        assertThat(results.size()).isEqualTo(7);
        assertThat(results.containsKey(GroupKey.teacher(5))).isTrue();
        assertThat(results.readyValues()).hasSize(1);
        assertThat(estimated).hasValue(0);
        // a school's page asks for its own teachers: three estimated, the other school's not
        List<GroupResult> school1 = results.shown(GroupKey.Kind.TEACHER, s -> s == 1);
        assertThat(school1).extracting(g -> g.key().id()).containsExactly(1L, 2L, 3L);
        assertThat(estimated).hasValue(3);
        assertThat(results.readyValues()).extracting(g -> g.key().id()).containsExactly(9L, 1L, 2L, 3L);
        // asked again from many threads at once, the rest is estimated once each
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<GroupKey, Double>>> all = new java.util.ArrayList<>();
        for (int k = 0; k < 8; k++) {
            all.add(pool.submit(() -> {
                start.await();
                Map<GroupKey, Double> means = new java.util.HashMap<>();
                results.forEach((key, g) -> means.put(key, g.shown() ? g.measure().mean() : null));
                return means;
            }));
        }
        start.countDown();
        for (Future<Map<GroupKey, Double>> f : all) {
            assertThat(f.get(30, TimeUnit.SECONDS)).containsEntry(GroupKey.teacher(6), 56.0);
        }
        pool.shutdown();
        assertThat(estimated).hasValue(6);
    }
}
