package org.rapport.app.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rapport.app.demo.GeneratedNetwork;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.response.AnswerRow;
import org.rapport.app.response.Responses;
import org.rapport.app.school.Schools;
import org.rapport.app.support.AppTest;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.rapport.measure.GroupReliability;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The calibration works from answers numbered once for every scale, and estimates the thresholds alone; it must
 * give what the per-response path gave ({@link PerResponseCalibration}: every answer grouped by its response again
 * for each scale, the whole analysis run): on a generated network of two schools, every scale's status, rows,
 * thresholds and their errors, categories, reference mean, SD and reliability and each kind of group's spread
 * agree to 1e-6.
 */
class BulkCalibrationTest extends AppTest {
    static final double TOLERANCE = 1e-6;

    @Autowired
    GeneratedNetwork generator;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    Responses responses;
    @Autowired
    Windows windows;
    @Autowired
    Schools schools;
    @Autowired
    ItemBank bank;

    @Test
    void everyScaleCalibratesAsThePerResponsePathDid() {
        GeneratedNetwork.Generated network = generator.build("Bulk Calibration Trust", 2, "a-long-enough-password", 26);
        List<Long> closed = windows.wave(network.networkId(), GeneratedNetwork.FIRST).windows().stream()
                .filter(w -> w.status() == SurveyWindow.Status.CLOSED).map(SurveyWindow::id).toList();
        List<AnswerRow> rows = responses.answersToPool(closed);
        Map<Long, Long> teams = schools.teamsIn(closed);

        List<ScaleFit> now = calibrations.fits(rows, teams);
        List<ScaleFit> before = new PerResponseCalibration(bank).fits(rows, teams);

        assertThat(now).hasSize(before.size());
        int calibrated = 0;
        int withGroups = 0;
        for (int s = 0; s < now.size(); s++) {
            ScaleFit a = now.get(s);
            ScaleFit b = before.get(s);
            String scale = b.scale().key();
            assertThat(a.scale()).as(scale).isEqualTo(b.scale());
            assertThat(a.calibrated()).as(scale).isEqualTo(b.calibrated());
            assertThat(a.problem()).as(scale).isEqualTo(b.problem());
            assertThat(a.persons()).as(scale).isEqualTo(b.persons());
            if (!b.calibrated()) {
                continue;
            }
            calibrated++;
            assertThat(a.referenceMean()).as(scale + " mean").isCloseTo(b.referenceMean(), within(TOLERANCE));
            assertThat(a.referenceSd()).as(scale + " sd").isCloseTo(b.referenceSd(), within(TOLERANCE));
            assertThat(a.reliability()).as(scale + " reliability").isCloseTo(b.reliability(), within(TOLERANCE));
            assertThat(a.referenceByModel()).as(scale).isEqualTo(b.referenceByModel());
            assertThat(a.items().itemNames()).as(scale).isEqualTo(b.items().itemNames());
            assertThat(a.categories()).as(scale).isDeepEqualTo(b.categories());
            for (int i = 0; i < b.items().items(); i++) {
                assertThat(a.items().maxCategory(i)).as(scale).isEqualTo(b.items().maxCategory(i));
                for (int k = 1; k <= b.items().maxCategory(i); k++) {
                    assertThat(a.items().threshold(i, k)).as(scale + " threshold").isCloseTo(b.items().threshold(i, k), within(TOLERANCE));
                    assertThat(a.standardErrors()[i][k - 1]).as(scale + " error").isCloseTo(b.standardErrors()[i][k - 1], within(TOLERANCE));
                }
                assertThat(a.locationErrors()[i]).as(scale + " location error").isCloseTo(b.locationErrors()[i], within(TOLERANCE));
            }
            assertThat(a.groupReliability().keySet()).as(scale).isEqualTo(b.groupReliability().keySet());
            for (Map.Entry<GroupKind, GroupReliability> g : b.groupReliability().entrySet()) {
                GroupReliability x = a.groupReliability().get(g.getKey());
                assertThat(x.groups()).as(scale + " " + g.getKey()).isEqualTo(g.getValue().groups());
                assertThat(x.members()).as(scale + " " + g.getKey()).isEqualTo(g.getValue().members());
                assertThat(x.between()).as(scale + " " + g.getKey()).isCloseTo(g.getValue().between(), within(TOLERANCE));
                assertThat(x.within()).as(scale + " " + g.getKey()).isCloseTo(g.getValue().within(), within(TOLERANCE));
                withGroups++;
            }
        }
        // the comparison covered something: most scales calibrate on two schools, and their groups' spreads exist
        assertThat(calibrated).isGreaterThan(now.size() / 2);
        assertThat(withGroups).isPositive();
    }
}
