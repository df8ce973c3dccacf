package org.rapport.app.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.DemoFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The network admin sees the active calibration and drift, and re-calibrates only on a closed window. */
class CalibrationPageTest extends AppTest {
    @Autowired
    DemoNetwork demo;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService users;
    @Autowired
    Calibrations store;
    @Autowired
    CalibrationRepository repository;
    @Autowired
    org.rapport.app.itembank.ItemBank bank;

    long network;
    StaffUser admin;

    @BeforeEach
    void load() throws Exception {
        network = DemoFixture.network(demo);
        admin = (StaffUser) users.loadUserByUsername("trust@riverside.example");
    }

    @Test
    void thePageShowsTheActiveCalibrationEachScaleAndTheDriftOfTheLaterWindow() throws Exception {
        // the windows' names are kept to themselves in sentences (U+2068 and U+2069 around each): taken out to read the words
        String page = mvc.perform(get("/staff/calibration").with(user(admin))).andReturn().getResponse().getContentAsString()
                .replaceAll("[\u2068\u2069]", "");
        Calibrated active = store.active(network).orElseThrow();
        assertThat(page).contains("Version " + active.version() + ", calibrated on Spring 2026")
                .contains("Pupils about their teachers")
                .contains("Item drift").contains("Summer 2026")
                .containsPattern("(None of \\d+ items drifted|\\d+ of \\d+ items drifted) in Summer 2026");
        // what calibrating again does, with counts, before it is done
        assertThat(page).containsPattern("Calibrating again replaces calibration " + active.version()
                + " \\(on Spring 2026\\): every figure of \\d+ windows in \\d+ rounds is scored again");
        // a scale that could not be calibrated says so, in words, on the page: for want of answers or not, and never the
        // problem's own words (its counts and items, or that every answer to an item was 0, would describe a small group)
        active.scales().values().stream().filter(f -> !f.calibrated()).findFirst().ifPresent(f -> assertThat(page)
                .contains(f.tooFew() ? "Not calibrated: too few answer sets yet." : "Not calibrated: the answers do not allow it")
                .doesNotContain(f.problem()));

        String overview = mvc.perform(get("/staff").with(user(admin))).andReturn().getResponse().getContentAsString()
                .replaceAll("[\u2068\u2069]", "");
        assertThat(overview).contains("Calibration version " + active.version() + " on Spring 2026").contains("/staff/calibration");
    }

    @Autowired
    org.rapport.app.measuring.MeasureService measures;

    /**
     * "50 is the reference window's average": the network's result there, measured as the reports measure it, is 50 on
     * every scale (the reference mean was taken over blocks, and a pupil about five teachers counted five times: 50.07 to
     * 50.2; on a part the mean of WLEs, where the model's level read 51.1). And the reliability stored is that of the
     * block measures the reports average.
     */
    @Test
    void theReferenceWindowsNetworkResultIsFiftyOnEveryScaleAndReliabilityIsOfTheBlocks() {
        Calibrated active = store.active(network).orElseThrow();
        org.rapport.app.measuring.WaveResults reference = measures.wave(network, active.referenceWindow()).orElseThrow();
        int checked = 0;
        for (ScaleFit f : active.scales().values()) {
            org.rapport.app.measuring.GroupResult result = reference.result(f.scale(), org.rapport.app.privacy.GroupKey.NETWORK);
            if (!f.calibrated() || result == null || !result.shown()) {
                continue;
            }
            System.out.printf("reference window, network, %s: %.4f%s%n", f.scale().key(), result.measure().estimate(),
                    f.scale().measuredByModel(bank) ? " (model)" : "");
            // a part: the model's level, centred on the same up to what the report adds (the members invited who did not
            // answer, the spread's prior): up to 0.051 points in the demo's runs, whose answers differ from run to run; a
            // whole relationship: the respondents' averaged WLEs, centred on exactly that
            assertThat(result.measure().estimate()).as(f.scale().key())
                    .isCloseTo(50, org.assertj.core.data.Offset.offset(f.scale().measuredByModel(bank) ? 0.2 : 1e-3));
            assertThat(f.reliability()).as(f.scale().key()).isBetween(0.0, 1.0);
            assertThat(f.referenceByModel()).as(f.scale().key() + ": stored and read with how its points were fixed")
                    .isEqualTo(f.scale().measuredByModel(bank));
            checked++;
        }
        assertThat(checked).isGreaterThan(5);
    }

    @Test
    void calibratingOnAnOpenOrUnknownWindowIsRefusedAndChangesNothing() throws Exception {
        long before = store.history(network).size();
        for (String name : new String[] {"Autumn 2026", "No such window", ""}) {
            MvcResult r = mvc.perform(post("/staff/calibration").param("window", name).with(csrf()).with(user(admin))).andReturn();
            assertThat(r.getResponse().getStatus()).as(name).isEqualTo(400);
            assertThat(r.getResponse().getContentAsString()).as(name).contains("no closed window called");
        }
        assertThat(store.history(network)).hasSize((int) before);
    }

    @Test
    void threeCalibrationsStoredAtOnceMakeThreeVersionsOneActive() throws Exception {
        int before = store.history(network).size();
        Calibrated was = store.active(network).orElseThrow();
        List<ScaleFit> fits = List.copyOf(was.scales().values());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Long>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    // the store, as three calibrations of the round that finished fitting at the same moment reach it
                    return repository.save(network, "Spring 2026", was.itemBank(), fits);
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Long> run : runs) {
                assertThat(run.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Calibrations.Header> history = store.history(network);
        assertThat(history).hasSize(before + 3);
        assertThat(history).filteredOn(Calibrations.Header::active).hasSize(1);
        assertThat(history.stream().map(Calibrations.Header::version).distinct().count()).isEqualTo(history.size());
    }

    @Test
    void recalibratingOnTheReferenceMakesANewActiveVersion() throws Exception {
        Calibrated was = store.active(network).orElseThrow();
        MvcResult r = mvc.perform(post("/staff/calibration").param("window", "Spring 2026").with(csrf()).with(user(admin))).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/staff/calibration");
        Calibrated now = store.active(network).orElseThrow();
        assertThat(now.version()).isEqualTo(was.version() + 1);
        assertThat(store.history(network)).filteredOn(Calibrations.Header::active).hasSize(1);
        // the same answers calibrate to the same scale
        ScaleFit a = was.scales().get("PUPIL_SCHOOL");
        ScaleFit b = now.scales().get("PUPIL_SCHOOL");
        assertThat(b.referenceMean()).isCloseTo(a.referenceMean(), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void theApiSaysTheSameAndRefusesBadWindowsByName() throws Exception {
        com.fasterxml.jackson.databind.JsonNode overview = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                mvc.perform(get("/api/v1/calibration").with(user(admin))).andReturn().getResponse().getContentAsString());
        Calibrated active = store.active(network).orElseThrow();
        assertThat(overview.get("version").asInt()).isEqualTo(active.version());
        assertThat(overview.get("referenceWindow").asText()).isEqualTo("Spring 2026");
        assertThat(overview.get("scales").findValuesAsText("key")).contains("PUPIL_TEACHER", "PUPIL_TEACHER/respect");
        assertThat(overview.get("checkableWindows").findValuesAsText("")).isEmpty();
        assertThat(overview.get("checkableWindows").toString()).contains("Summer 2026");

        MvcResult drift = mvc.perform(get("/api/v1/calibration/drift").param("window", "Summer 2026").with(user(admin))).andReturn();
        assertThat(drift.getResponse().getStatus()).isEqualTo(200);
        assertThat(drift.getResponse().getContentAsString()).contains("\"tolerance\":0.5", "\"flagged\":");

        MvcResult unknown = mvc.perform(get("/api/v1/calibration/drift").param("window", "Winter 1999").with(user(admin))).andReturn();
        assertThat(unknown.getResponse().getStatus()).isEqualTo(400);
        assertThat(unknown.getResponse().getContentAsString()).contains("window", "Winter 1999");

        long before = store.history(network).size();
        MvcResult open = mvc.perform(post("/api/v1/calibration").with(csrf()).with(user(admin))
                .contentType("application/json").content("{\"window\":\"Autumn 2026\"}")).andReturn();
        assertThat(open.getResponse().getStatus()).isEqualTo(400);
        assertThat(open.getResponse().getContentAsString()).contains("no closed window called");
        assertThat(store.history(network)).hasSize((int) before);
    }
}
