package org.rapport.app.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A shared goal shows its teacher's figures (before and after, on its part) to others, so sharing it asks first: the page
 * names who will be able to read it, as the goals' access rule has them (the school's admins and the network's), counted,
 * and what they will read; only its button shares. The API shares at once and answers who can now read it.
 */
class GoalShareConfirmationTest extends ApiTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Schools schools;

    static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replace("&#39;", "'").replaceAll("\\s+", " ");
    }

    @Test
    void theFirstClickSharesNothingAndTheConfirmationCountsWhoWillReadIt() throws Exception {
        long network = fixtures.network();
        StaffUser second = fixtures.networkAdmin(network);
        Fixtures.StaffRoom room = fixtures.staffRoom(network, 1, 5);
        StaffMember t1 = schools.staff(room.schoolId()).stream().filter(m -> m.name().equals("Teacher 1")).findFirst().orElseThrow();
        StaffUser teacher = fixtures.staffUser(t1.email());
        long autumn = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", "Autumn"), room.admin(), 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + autumn + "/open", null, room.admin(), 200);
        call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", "Spring"), room.admin(), 201);
        long goalId = call("POST", "/api/v1/goals", Map.of("relationship", "PUPIL_TEACHER", "facet", "", "plan", "Ask two pupils each lesson.",
                "baselineWindow", "Autumn", "evaluationWindow", "Spring"), teacher, 201).get("id").asLong();
        String goals = "/api/v1/schools/" + room.schoolId() + "/goals";

        String page = mvc.perform(get("/staff/goals").with(user(teacher))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("href=\"/staff/goals/" + goalId + "/share\"");
        // a post without the confirmation shares nothing
        String redirected = mvc.perform(post("/staff/goals/" + goalId + "/share").param("shared", "true").with(user(teacher)).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(redirected).isEqualTo("/staff/goals/" + goalId + "/share");
        assertThat(call("GET", goals, null, room.admin(), 200)).isEmpty();
        assertThat(call("GET", goals, null, second, 200)).isEmpty();

        // (the windows' names kept to themselves in its sentences: U+2068 and U+2069 around each)
        String confirmation = text(mvc.perform(get("/staff/goals/" + goalId + "/share").with(user(teacher))).andReturn().getResponse()
                .getContentAsString()).replaceAll("[\u2068\u2069]", "");
        // two school admins and the network's two admins (its first, and the second one), each by name and role
        List<String> networkAdmins = schools.networkAdmins(network).stream().map(StaffMember::name).toList();
        assertThat(networkAdmins).hasSize(2);
        assertThat(confirmation).contains("Share this goal?", "Ask two pupils each lesson.", "4 people will be able to read it:",
                "Mx Head · school admin", "Ms Deputy · school admin", networkAdmins.get(0) + " · network admin",
                networkAdmins.get(1) + " · network admin", "(Autumn to Spring)", "even if you do not share your reports")
                .doesNotContain("Teacher 1 ·");
        // another teacher's goal is not theirs to look at
        StaffUser head = room.admin();
        assertThat(mvc.perform(get("/staff/goals/" + goalId + "/share").with(user(head))).andReturn().getResponse().getStatus()).isEqualTo(404);

        // the confirmation's button shares: the school's admins and the network's admins read it
        mvc.perform(post("/staff/goals/" + goalId + "/share").param("shared", "true").param("confirm", "true").with(user(teacher)).with(csrf()));
        assertThat(call("GET", goals, null, room.admin(), 200)).hasSize(1);
        assertThat(call("GET", goals, null, second, 200)).hasSize(1);
        // stopping: at once, and the page says so
        String stopped = mvc.perform(post("/staff/goals/" + goalId + "/share").param("shared", "false").with(user(teacher)).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(stopped).isEqualTo("/staff/goals?unshared");
        assertThat(call("GET", goals, null, room.admin(), 200)).isEmpty();

        // the API shares directly and answers who can now read it; stopping answers nobody
        JsonNode shared = call("PUT", "/api/v1/goals/" + goalId + "/shared", Map.of("shared", true), teacher, 200);
        assertThat(shared.get("shared").asBoolean()).isTrue();
        List<String> readers = new ArrayList<>();
        shared.get("readers").forEach(r -> readers.add(r.get("name").asText() + "/" + r.get("role").asText()));
        assertThat(readers).containsExactlyInAnyOrder("Mx Head/SCHOOL_ADMIN", "Ms Deputy/SCHOOL_ADMIN",
                networkAdmins.get(0) + "/NETWORK_ADMIN", networkAdmins.get(1) + "/NETWORK_ADMIN");
        assertThat(call("GET", goals, null, room.admin(), 200)).hasSize(1);
        JsonNode unshared = call("PUT", "/api/v1/goals/" + goalId + "/shared", Map.of("shared", false), teacher, 200);
        assertThat(unshared.get("readers")).isEmpty();
        assertThat(call("GET", goals, null, room.admin(), 200)).isEmpty();
    }
}
