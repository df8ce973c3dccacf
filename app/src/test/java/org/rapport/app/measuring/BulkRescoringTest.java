package org.rapport.app.measuring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.calibration.Calibrated;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.Calibrations;
import org.rapport.app.demo.GeneratedNetwork;
import org.rapport.app.response.AnswerRow;
import org.rapport.app.response.Responses;
import org.rapport.app.support.AppTest;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A calibration rescores every response of its network in bulk ({@link BulkScoring}, reading, scoring and writing
 * overlapped); every stored score must be what scoring that response alone gives, as a submission is scored
 * ({@link Scorer#score}): on a generated network of two schools over two waves, calibrated again, each response's
 * blocks, their points and standard errors on every scale (to 1e-6), answer counts, answered items and raw scores.
 */
class BulkRescoringTest extends AppTest {
    static final double TOLERANCE = 1e-6;

    @Autowired
    GeneratedNetwork generator;
    @Autowired
    CalibrationService calibrationService;
    @Autowired
    Calibrations calibrations;
    @Autowired
    ScoreRepository store;
    @Autowired
    org.rapport.app.itembank.ItemBank bank;
    @Autowired
    org.rapport.app.school.Schools schools;
    @Autowired
    Scales scales;
    @Autowired
    Responses responses;
    @Autowired
    Windows windows;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyStoredScoreIsWhatScoringItsResponseAloneGives() {
        GeneratedNetwork.Generated network = generator.build("Bulk Rescoring Trust", 2, "a-long-enough-password", 62);
        long id = calibrationService.calibrate(network.networkId(), GeneratedNetwork.FIRST);
        Calibrated calibration = calibrations.get(id);
        List<Long> windowIds = windows.waves(network.networkId()).stream().flatMap(w -> w.windowIds().stream()).toList();

        // a scorer of its own, so that no measure the bulk path cached can answer for this one
        Scorer alone = new Scorer(store, scales, bank, calibrations, responses, windows, schools);
        Map<UUID, List<AnswerRow>> byResponse = new LinkedHashMap<>();
        for (AnswerRow a : responses.answers(windowIds)) {
            byResponse.computeIfAbsent(a.response(), r -> new ArrayList<>()).add(a);
        }
        Map<UUID, byte[]> stored = new HashMap<>();
        jdbc.sql("select response_id, blocks from response_score where calibration_id = ?").param(id)
                .query(rs -> {
                    stored.put(rs.getObject(1, UUID.class), rs.getBytes(2));
                });

        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(byResponse.keySet());
        int measures = 0;
        for (Map.Entry<UUID, List<AnswerRow>> r : byResponse.entrySet()) {
            List<BlockScores.Block> one = BlockScores.decode(alone.score(calibration, r.getValue()), scales);
            List<BlockScores.Block> bulk = BlockScores.decode(stored.get(r.getKey()), scales);
            assertThat(bulk).as("blocks of " + r.getKey()).hasSameSizeAs(one);
            for (int b = 0; b < one.size(); b++) {
                BlockScores.Block x = bulk.get(b);
                BlockScores.Block y = one.get(b);
                assertThat(x.relationship()).isEqualTo(y.relationship());
                assertThat(x.target()).isEqualTo(y.target());
                assertThat(x.counts()).isDeepEqualTo(y.counts());
                assertThat(x.items()).isEqualTo(y.items());
                assertThat(x.scores()).isEqualTo(y.scores());
                for (int s = 0; s < y.points().length; s++) {
                    assertThat(x.measured(s)).isEqualTo(y.measured(s));
                    if (y.measured(s)) {
                        assertThat((double) x.points()[s]).isCloseTo(y.points()[s], within(TOLERANCE));
                        assertThat((double) x.errors()[s]).isCloseTo(y.errors()[s], within(TOLERANCE));
                        measures++;
                    }
                }
            }
        }
        // both waves were compared, and many measures in them
        assertThat(byResponse.size()).isGreaterThan(1000);
        assertThat(measures).isGreaterThan(byResponse.size());
    }
}
