package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Sharing a teacher's report shows its consequences first: the first click shares nothing and leads to a page that names
 * who will be able to open it (the school's leaders as the report's access rule has them, counted), what they will see,
 * of which windows (the changes since an earlier window only if that window's report is shared too), and that it can be
 * stopped; only that page's button shares. Stopping needs no confirmation and says what stopped.
 */
class ShareConfirmationTest extends ApiTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Schools schools;

    long window(Fixtures.StaffRoom room, String name) throws Exception {
        long id = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", name), room.admin(), 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + id + "/open", null, room.admin(), 200);
        return id;
    }

    MockHttpServletResponse getPage(String path, StaffUser as) throws Exception {
        return mvc.perform(get(path).with(user(as))).andReturn().getResponse();
    }

    MockHttpServletResponse share(String report, StaffUser as, String... params) throws Exception {
        var request = post(report + "/share").with(user(as)).with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    static String text(MockHttpServletResponse page) throws Exception {
        // the names kept to themselves in sentences (U+2068 and U+2069 around each) taken out to read the words
        return page.getContentAsString().replaceAll("<[^>]+>", " ").replace("&#39;", "'").replaceAll("[\u2068\u2069]", "").replaceAll("\\s+", " ");
    }

    @Test
    void theFirstClickSharesNothingAndNamesTheLeadersWhoWillSeeIt() throws Exception {
        long network = fixtures.network();
        Fixtures.StaffRoom room = fixtures.staffRoom(network, 1, 5);
        // a network admin who is not on the school's staff: the report's rule does not let them open it, so they are not listed
        StaffUser outsider = fixtures.networkAdmin(network);
        StaffMember t1 = schools.staff(room.schoolId()).stream().filter(m -> m.name().equals("Teacher 1")).findFirst().orElseThrow();
        StaffUser teacher = fixtures.staffUser(t1.email());
        StaffUser deputy = fixtures.staffUser(schools.staff(room.schoolId()).stream().filter(m -> m.name().equals("Ms Deputy"))
                .findFirst().orElseThrow().email());
        long autumn = window(room, "Autumn");
        call("POST", "/api/v1/windows/" + autumn + "/close?confirm=true", null, room.admin(), 200);
        long spring = window(room, "Spring");
        String report = "/staff/windows/" + spring + "/teachers/" + teacher.id();

        // the report's button is a link to the confirmation, not a form that shares
        String own = getPage(report + "/report", teacher).getContentAsString();
        assertThat(own).contains("href=\"" + report + "/share\"");

        // a post without the confirmation shares nothing: it leads to the confirmation page
        MockHttpServletResponse first = share(report, teacher, "share", "true");
        assertThat(first.getRedirectedUrl()).isEqualTo(report + "/share");
        assertThat(getPage(report + "/report", room.admin()).getStatus()).as("still the teacher's alone").isEqualTo(403);

        MockHttpServletResponse confirmation = getPage(report + "/share", teacher);
        assertThat(confirmation.getStatus()).isEqualTo(200);
        String page = text(confirmation);
        assertThat(page).contains("Share your report of Spring?", "2 people: your school's leaders below.",
                "Mx Head · school admin", "Ms Deputy · school admin", "Only Spring.",
                "They will not see what changed since Autumn: that would give away your figures of Autumn, which you do not share.",
                "You can stop sharing at any time")
                .doesNotContain("Network admin", "Teacher 1 ·");
        // only the teacher may look at what sharing their report would do
        assertThat(getPage(report + "/share", room.admin()).getStatus()).isEqualTo(403);
        assertThat(share(report, room.admin(), "share", "true").getStatus()).isEqualTo(403);

        // the confirmation's button shares: each leader listed can now open it, and nobody else
        assertThat(share(report, teacher, "share", "true", "confirm", "true").getRedirectedUrl()).isEqualTo(report + "/report?shared");
        assertThat(getPage(report + "/report", room.admin()).getStatus()).isEqualTo(200);
        assertThat(getPage(report + "/report", deputy).getStatus()).isEqualTo(200);
        assertThat(getPage(report + "/report", outsider).getStatus()).isEqualTo(403);
        assertThat(text(getPage(report + "/report?shared", teacher))).contains("Your report is now shared with your school's leaders.");

        // the earlier window: once it is shared too, the later report's changes since it are shown, and its confirmation says so
        String earlier = "/staff/windows/" + autumn + "/teachers/" + teacher.id();
        assertThat(text(getPage(earlier + "/share", teacher)))
                .contains("Your shared report of Spring will also show them what changed since Autumn.");
        share(earlier, teacher, "share", "true", "confirm", "true");
        assertThat(text(getPage(report + "/share", teacher))).contains("You already share this report.",
                "They will also see what changed since Autumn, because you share that window's report too.");

        // stopping needs no confirmation, and says what stopped
        MockHttpServletResponse stop = share(earlier, teacher, "share", "false");
        assertThat(stop.getRedirectedUrl()).isEqualTo(earlier + "/report?unshared");
        assertThat(getPage(earlier + "/report", room.admin()).getStatus()).isEqualTo(403);
        assertThat(text(getPage(earlier + "/report?unshared", teacher))).contains("You stopped sharing this report.",
                "Your shared report of Spring no longer shows them what changed since Autumn.");
        share(report, teacher, "share", "false");
        assertThat(getPage(report + "/report", room.admin()).getStatus()).isEqualTo(403);
    }

    @Test
    void aSchoolWithOneLeaderSaysSoInTheSingular() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network);
        long window = window(new Fixtures.StaffRoom(school.schoolId(), school.admin(), java.util.List.of()), "Autumn");
        // the school's only leader is its admin: the confirmation counts one person
        String report = "/staff/windows/" + window + "/teachers/" + school.teacherA().id();
        assertThat(text(getPage(report + "/share", school.teacherA()))).contains("1 person: your school's leader below.", "Dr Ruth Cole · school admin")
                .doesNotContain("changed since");
    }
}
