package org.rapport.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.Routes;
import org.rapport.app.support.Routes.Route;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Every route the application serves, tried as every role, against the matrix in
 * src/test/resources/access-matrix.csv.
 */
class AccessMatrixTest extends AppTest {
    static final List<String> ROLES = List.of("anonymous", "pupil", "parent", "teacherA", "teacherB", "admin", "otherAdmin",
            "networkAdmin");

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationContext context;

    static Map<Route, Map<String, String>> matrix() throws IOException {
        Map<Route, Map<String, String>> matrix = new LinkedHashMap<>();
        try (InputStream in = new ClassPathResource("access-matrix.csv").getInputStream()) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            List<String> header = List.of(lines.get(0).split(","));
            assertThat(header.subList(2, header.size())).isEqualTo(ROLES);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                Map<String, String> row = new LinkedHashMap<>();
                for (int k = 2; k < cells.length; k++) {
                    assertThat(cells[k]).as(line).isIn("allow", "deny");
                    row.put(header.get(k), cells[k]);
                }
                assertThat(row).as(line).hasSize(ROLES.size());
                matrix.put(new Route(cells[0], cells[1]), row);
            }
        }
        return matrix;
    }

    /** The served routes, less actuator endpoints that are not exposed and springdoc's per-group documents (none). */
    TreeSet<Route> servedRoutes() {
        TreeSet<Route> routes = new TreeSet<>(Routes.served(context));
        routes.removeIf(r -> (r.pattern().startsWith("/actuator") && !r.pattern().equals("/actuator/health"))
                || r.pattern().startsWith("/v3/api-docs/"));
        return routes;
    }

    @Test
    void theMatrixListsExactlyTheServedRoutes() throws IOException {
        assertThat(new TreeSet<>(matrix().keySet())).isEqualTo(servedRoutes());
    }

    @Test
    void everyRoleGetsWhatTheMatrixSays() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network, 200, 5);
        Fixtures.SchoolSetup other = fixtures.school(network);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        Map<String, StaffUser> staff = Map.of("teacherA", school.teacherA(), "teacherB", school.teacherB(),
                "admin", school.admin(), "otherAdmin", other.admin(), "networkAdmin", fixtures.networkAdmin(network));
        List<String> pupilCodes = new ArrayList<>(fixtures.codes(window, RespondentRole.PUPIL, school.class1()));
        List<String> parentCodes = new ArrayList<>(fixtures.codes(window, RespondentRole.PARENT, school.class1()));
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<Route, Map<String, String>> entry : matrix().entrySet()) {
            Route route = entry.getKey();
            String path = route.pattern().replace("{schoolId}", Long.toString(school.schoolId()))
                    .replace("{windowId}", Long.toString(window.id()))
                    .replace("{teacherId}", Long.toString(school.teacherA().id()))
                    .replace("{staffId}", Long.toString(school.teacherB().id()))
                    .replace("{relationship}", "PUPIL_SCHOOL")
                    .replace("{chart}", "PUPIL_SCHOOL-ranges")
                    .replace("{concernId}", "999999999")
                    .replace("{language}", "en")
                    .replace("{goalId}", "999999999")
                    .replace("{key}", "no-such-page");
            for (String role : ROLES) {
                String code = role.equals("pupil") ? next(pupilCodes) : role.equals("parent") ? next(parentCodes) : null;
                MockHttpServletRequestBuilder request = request(route, path, code);
                if (staff.containsKey(role)) {
                    request.with(user(staff.get(role)));
                }
                MvcResult result = mvc.perform(request).andReturn();
                String actual = denied(result) ? "deny" : "allow";
                if (!actual.equals(entry.getValue().get(role))) {
                    mismatches.add(route.method() + " " + route.pattern() + " as " + role + ": expected "
                            + entry.getValue().get(role) + ", got " + result.getResponse().getStatus());
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static String next(List<String> codes) {
        return codes.remove(0);
    }

    private static MockHttpServletRequestBuilder request(Route route, String path, String code) {
        MockHttpServletRequestBuilder b = MockMvcRequestBuilders.request(HttpMethod.valueOf(route.method()), path);
        if (!route.method().equals("GET")) {
            b.with(csrf());
        }
        if (code != null) {
            b.cookie(new Cookie("rapport_survey", code));
        }
        if (path.startsWith("/api/") && !route.method().equals("GET")) {
            if (path.endsWith("/roster") || path.endsWith("/roster/preview") || path.endsWith("/oneroster") || path.endsWith("/oneroster/preview")
                    || route.pattern().startsWith("/api/v1/translations/")) {
                b.contentType(MediaType.MULTIPART_FORM_DATA);
            } else {
                b.contentType(MediaType.APPLICATION_JSON).content(code == null ? "{}" : "{\"code\":\"" + code + "\"}")
                        .header("Idempotency-Key", UUID.randomUUID().toString());
            }
        } else if (path.equals("/survey/start") && code != null) {
            b.param("code", code);
        }
        return b;
    }

    private static boolean denied(MvcResult r) {
        int status = r.getResponse().getStatus();
        String location = r.getResponse().getHeader("Location");
        return status == 401 || status == 403 || (status == 302 && location != null && location.endsWith("/login"));
    }
}
