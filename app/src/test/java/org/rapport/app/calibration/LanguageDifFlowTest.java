package org.rapport.app.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.ModelRespondent;

/**
 * The whole path of the DIF check: parents answer through the survey API, most in English and some in
 * Polish, where one question reads as much harder to agree with; the window closes, the network
 * calibrates on it, and the calibration's DIF check flags that question in Polish, first. (Each run's
 * data differ, because the survey draws its questions by the code; how often a question without DIF is
 * flagged, at most the stated 5%, is {@link LanguageDifTest}'s matter, on data it fixes.)
 */
class LanguageDifFlowTest extends ApiTest {
    static final String PLANTED = "pa_com_2";

    @Test
    void aQuestionThatAPolishTranslationMadeHarderIsFlaggedOnTheCalibration() throws Exception {
        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        Fixtures.StaffRoom school = fixtures.staffRoom(network, 10, 45);
        String name = "Languages " + UUID.randomUUID().toString().substring(0, 6);
        long windowId = call("POST", "/api/v1/schools/" + school.schoolId() + "/windows", Map.of("name", name), school.admin(), 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + windowId + "/open", null, school.admin(), 200);
        List<String> codes = new ArrayList<>();
        JsonNode generated = call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "PARENT"), school.admin(), 201);
        generated.get("groups").forEach(g -> g.get("codes").forEach(c -> codes.add(c.asText())));
        assertThat(codes).hasSize(450);

        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < codes.size(); i++) {
            boolean polish = i % 9 < 4;
            String language = polish ? "pl" : "en";
            JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", codes.get(i), "language", language), null, 200);
            assertThat(session.get("language").asText()).isEqualTo(language);
            call("POST", "/api/v1/survey/submit", Map.of("code", codes.get(i), "answers", ModelRespondent.answers(session, random.nextGaussian(), random, polish ? PLANTED : null, 2.5)),
                    null, 200);
        }
        call("POST", "/api/v1/windows/" + windowId + "/close?confirm=true", null, school.admin(), 200);
        call("POST", "/api/v1/calibration", Map.of("window", name), networkAdmin, 201);

        JsonNode dif = call("GET", "/api/v1/calibration/dif", null, networkAdmin, 200);
        assertThat(dif.get("referenceLanguage").asText()).startsWith("English");
        assertThat(dif.get("compared").asInt()).as(dif.toString()).isGreaterThanOrEqualTo(15);
        // flagged in order of size: the planted question first, and only Polish questions
        assertThat(dif.get("flagged").findValuesAsText("item")).as(dif.toString()).startsWith(PLANTED);
        assertThat(dif.get("flagged").findValuesAsText("language")).as(dif.toString()).containsOnly("Polski (pl)");
        JsonNode flagged = dif.get("flagged").get(0);
        assertThat(flagged.get("difference").asDouble()).as("harder to agree with in Polish").isPositive();
        assertThat(flagged.get("standardisedDifference").asDouble()).as("a lower answer expected in Polish, by more than category C's bound")
                .isLessThan(-CalibrationService.DIF_EFFECT);
        // a school admin does not see the network's calibration
        call("GET", "/api/v1/calibration/dif", null, school.admin(), 403);
    }
}
