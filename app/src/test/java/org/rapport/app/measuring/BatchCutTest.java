package org.rapport.app.measuring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reports close a wave's open batch while submissions keep arriving. A closed batch must be exactly
 * its members: a response that joined it after a report read it would be counted by no report
 * (lost) or shift what a shown number stood for. Three threads submit while a fourth looks at the
 * wave again and again; every look's network total must equal, at the end, a SQL count of the
 * responses in batches up to the watermark it showed, and every response must end in a closed batch.
 */
class BatchCutTest extends AppTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    WindowService windows;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    MeasureService measures;
    @Autowired
    ItemBank bank;
    @Autowired
    JdbcClient jdbc;

    record Look(long watermark, int respondents) {
    }

    @Test
    void everyLookCountsExactlyTheBatchesItClosedWhileSubmissionsArrive() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network, 30, 30);
        Random random = new Random(5);
        SurveyWindow first = fixtures.openWindow(school.schoolId());
        fixtures.codes(first, RespondentRole.PUPIL, null).forEach(c -> fixtures.answerAroundALevel(c, random, Map.of()));
        windows.close(first);
        calibrations.calibrate(network, first.name());
        SurveyWindow open = fixtures.openWindow(school.schoolId());
        java.util.Queue<String> codes = new java.util.concurrent.ConcurrentLinkedQueue<>(fixtures.codes(open, RespondentRole.PUPIL, null));
        Scale scale = new Scale(Relationship.PUPIL_SCHOOL, null);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean done = new AtomicBoolean();
        List<Look> looks = Collections.synchronizedList(new ArrayList<>());
        Future<?> looking = pool.submit(() -> {
            while (!done.get()) {
                var result = measures.wave(network, open.name()).orElseThrow().result(scale, GroupKey.NETWORK);
                if (result != null && result.shown()) {
                    looks.add(new Look(result.watermark(), result.respondents()));
                }
            }
            return null;
        });
        List<Future<?>> submitting = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Random own = new Random(t);
            submitting.add(pool.submit(() -> {
                for (String code = codes.poll(); code != null; code = codes.poll()) {
                    fixtures.answerAroundALevel(code, own, Map.of());
                    Thread.sleep(15);
                }
                return null;
            }));
        }
        for (Future<?> f : submitting) {
            f.get(5, TimeUnit.MINUTES);
        }
        done.set(true);
        looking.get(1, TimeUnit.MINUTES);
        pool.shutdown();
        var last = measures.wave(network, open.name()).orElseThrow().result(scale, GroupKey.NETWORK);
        looks.add(new Look(last.watermark(), last.respondents()));

        String[] items = scale.items(bank).stream().map(Item::id).toArray(String[]::new);
        assertThat(looks).as("looks while answers arrived").hasSizeGreaterThan(2);
        for (Look look : looks) {
            long counted = jdbc.sql("""
                    select count(distinct b.response_id) from response_batch b join answer a on a.response_id = b.response_id
                    where b.window_id = ? and b.batch <= ? and a.item_id = any(?)""")
                    .params(open.id(), look.watermark(), items).query(Long.class).single();
            assertThat(look.respondents()).as("look at batch %d", look.watermark()).isEqualTo((int) counted);
        }
        long all = jdbc.sql("select count(distinct a.response_id) from answer a join response r on r.id = a.response_id "
                + "where r.window_id = ? and a.item_id = any(?)").params(open.id(), items).query(Long.class).single();
        // the last look may show the network as it was a few answers earlier: newcomers are released only when no
        // difference with an earlier release (the network's or a class's) would isolate fewer than k of them, which can
        // hold back a batch of k split across classes; but every submission is in a batch it closed
        int k = measures.minCellSize();
        assertThat(last.respondents()).isLessThanOrEqualTo((int) all).isGreaterThanOrEqualTo((int) all - 2 * k);
        assertThat(jdbc.sql("""
                select count(*) from response_batch where window_id = ?
                and batch <= (select closed_batch from wave_batch where network_id = ? and wave_name = ?)""")
                .params(open.id(), network, open.name()).query(Long.class).single()).as("every submission in a closed batch").isEqualTo(60);
    }
}
