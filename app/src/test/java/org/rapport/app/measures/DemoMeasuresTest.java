package org.rapport.app.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.DemoFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo network end to end: calibrated on Spring 2026, Summer 2026 scored on those anchors. */
class DemoMeasuresTest extends AppTest {
    @Autowired
    DemoNetwork demo;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CalibrationStore calibrations;
    @Autowired
    MeasureService measures;
    @Autowired
    ItemBank bank;

    long network;

    @BeforeEach
    void load() throws Exception {
        network = DemoFixture.network(demo, jdbc);
    }

    @Test
    void everyScaleIsCalibratedOnTheReferenceWindowAndCentredAtFifty() {
        Calibrated c = calibrations.active(network).orElseThrow();
        assertThat(c.referenceWindow()).isEqualTo("Spring 2026");
        for (Scale scale : Scale.all(bank)) {
            ScaleFit fit = c.scales().get(scale.key());
            assertThat(fit).as(scale.key()).isNotNull();
            if (scale.relationship().respondent().perClass()) {
                assertThat(fit.calibrated()).as(scale.key() + ": " + fit.problem()).isTrue();
                assertThat(fit.referenceSd()).as(scale.key()).isPositive();
            } else {
                // about 30 staff in the demo: a scale may be too thin to calibrate, and must then say why
                assertThat(fit.calibrated() || !fit.problem().isBlank()).as(scale.key()).isTrue();
            }
        }
        Wave spring = measures.wave(network, "Spring 2026").orElseThrow();
        for (Relationship r : List.of(Relationship.PUPIL_TEACHER, Relationship.PUPIL_SCHOOL, Relationship.PARENT_SCHOOL)) {
            GroupResult all = spring.result(new Scale(r, null), "network");
            assertThat(all.shown()).as(r.name()).isTrue();
            // the network on its own reference window: mean 50 by construction, up to pooling respondents' blocks
            assertThat(all.measure().estimate()).as(r.name()).isBetween(47.0, 53.0);
        }
    }
}
