package org.rapport.app.measuring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rapport.app.calibration.GroupKind;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.ModelRespondent;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Parts shown only where they tell groups apart (issue: parts with reliability 0 were reported, one as a head's clear
 * strength). A school on its own, twelve classes of 25 pupils, four in five answering through the survey API. On
 * "belonging" the classes' true levels differ (SD 0.8 logit); on "fairness" they do not, every pupil's level drawn
 * around the same mean. After calibration the classes' belonging is shown with its reliability, their fairness is
 * withheld on every page with why, and the school (alone in its network: no spread between schools to judge it by) keeps
 * both parts, compared with its own windows.
 */
class ReliablePartsTest extends ApiTest {
    static final long SEED = 2612;
    static final double CLASSES_DIFFER_BY = 0.8;

    @Autowired
    MeasureService measures;
    @Autowired
    ItemBank bank;

    @Test
    void aPartIsShownForClassesOnlyWhereTheyDifferBeyondTheirError() throws Exception {
        long network = fixtures.network();
        int[] sizes = new int[12];
        java.util.Arrays.fill(sizes, 25);
        Fixtures.StaffRoom room = fixtures.staffRoom(network, sizes, 0);
        SplittableRandom random = new SplittableRandom(SEED);
        long window = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", "Autumn"), room.admin(), 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + window + "/open", null, room.admin(), 200);
        JsonNode generated = call("POST", "/api/v1/windows/" + window + "/codes", Map.of("role", "PUPIL"), room.admin(), 201);
        Map<Long, Double> classLevel = new HashMap<>();
        for (JsonNode group : generated.get("groups")) {
            long classId = group.get("classId").asLong();
            double belonging = CLASSES_DIFFER_BY * random.nextGaussian();
            classLevel.put(classId, belonging);
            List<String> codes = new ArrayList<>();
            group.get("codes").forEach(c -> codes.add(c.asText()));
            for (String code : codes.subList(0, codes.size() * 4 / 5)) {
                JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", code), null, 200);
                double pupil = random.nextGaussian();
                Map<String, Integer> answers = ModelRespondent.answers(session,
                        item -> pupil + ("belonging".equals(bank.item(item).orElseThrow().facet()) ? belonging : 0), random);
                call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers), null, 200);
            }
        }
        assertThat(classLevel).hasSize(12);
        call("POST", "/api/v1/windows/" + window + "/close?confirm=true", null, room.admin(), 200);
        call("POST", "/api/v1/calibration", Map.of("window", "Autumn"), fixtures.networkAdmin(network), 201);

        WaveResults wave = measures.wave(network, "Autumn").orElseThrow();
        Scale belonging = new Scale(Relationship.PUPIL_SCHOOL, "belonging");
        Scale fairness = new Scale(Relationship.PUPIL_SCHOOL, "fairness");
        var spreadOfBelonging = wave.calibration().scale(belonging).groupReliability().get(GroupKind.CLASS);
        var spreadOfFairness = wave.calibration().scale(fairness).groupReliability().get(GroupKind.CLASS);
        System.out.println("classes' spread (logits²): belonging " + spreadOfBelonging + ", fairness " + spreadOfFairness);
        assertThat(wave.calibration().scale(belonging).groupReliability()).as("one school: no spread between schools")
                .doesNotContainKey(GroupKind.SCHOOL);
        assertThat(spreadOfBelonging.groups()).isEqualTo(12);
        assertThat(spreadOfBelonging.between()).as("planted 0.64, on the WLE scale of a few items").isBetween(0.2, 1.5);
        assertThat(spreadOfFairness.between()).as("planted 0").isLessThan(0.05);

        int shown = 0;
        for (long classId : room.classes()) {
            GroupResult b = wave.result(belonging, GroupKey.ofClass(classId));
            GroupResult f = wave.result(fairness, GroupKey.ofClass(classId));
            assertThat(f.withheld()).as("fairness, class " + classId + ": reliability " + f.reliability()).isTrue();
            assertThat(f.measure()).isNull();
            assertThat(f.reliability()).isLessThan(WaveResults.MIN_RELIABILITY);
            shown += b.shown() ? 1 : 0;
            if (b.shown()) {
                assertThat(b.reliability()).isGreaterThanOrEqualTo(WaveResults.MIN_RELIABILITY);
            }
            // the whole relationship is not judged: it counts both parts' answers
            assertThat(wave.result(new Scale(Relationship.PUPIL_SCHOOL, null), GroupKey.ofClass(classId)).shown()).isTrue();
        }
        assertThat(shown).as("classes whose belonging is shown").isGreaterThanOrEqualTo(10);
        assertThat(wave.shown(fairness, GroupKey.Kind.CLASS, s -> true)).as("no spread of classes drawn from noise").isEmpty();
        // the page's row of classes says why fairness has no spread: they pass the privacy engine, the part tells them
        // apart no better than their error (it said "fewer than 5 with results", the privacy reason; an outside review)
        JsonNode page = call("GET", "/api/v1/windows/" + window + "/relationships/PUPIL_SCHOOL", null, room.admin(), 200);
        Map<String, String> classesRow = new HashMap<>();
        for (JsonNode chart : page.findValues("charts").stream().flatMap(c -> java.util.stream.StreamSupport.stream(c.spliterator(), false)).toList()) {
            for (JsonNode row : chart.path("rows")) {
                if (row.path("series").asText().equals("Classes (unnamed)")) {
                    classesRow.put(chart.get("id").asText(), row.get("text").asText());
                }
            }
        }
        assertThat(classesRow.get("PUPIL_SCHOOL-fairness-ranges")).as(classesRow.toString())
                .startsWith("fewer than 5 with a figure of their own: on this part groups like these differ little beyond their error");
        assertThat(classesRow.get("PUPIL_SCHOOL-belonging-ranges")).as(classesRow.toString()).startsWith("spread: half between");
        // the school alone: both parts, not judged against schools that do not exist
        GroupResult school = wave.result(fairness, GroupKey.school(room.schoolId()));
        assertThat(school.shown()).isTrue();
        assertThat(school.reliability()).isNull();
    }
}
