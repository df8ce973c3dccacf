package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

class RosterImportTest extends AppTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    Fixtures.SchoolSetup school;

    @BeforeEach
    void setUp() {
        school = fixtures.school(fixtures.network());
    }

    MockMultipartFile roster(String text) {
        return new MockMultipartFile("roster", "roster.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    String rows(String tag, int pupils) {
        return RosterCsvTest.HEADER
                + "9A,Year 9 A,9," + pupils + ",T01,Ms Okafor,okafor-" + tag + "@school.example,English\n"
                + "9A,Year 9 A,9," + pupils + ",T02,Mr Hughes,hughes-" + tag + "@school.example,Maths\n"
                + "9B,Year 9 B,9,27,T01,Ms Okafor,okafor-" + tag + "@school.example,English\n";
    }

    long count(String sql) {
        return jdbc.sql(sql).param(school.schoolId()).query(Long.class).single();
    }

    @Test
    void importThenReimportUpdatesRatherThanDuplicates() throws Exception {
        String tag = school.tag();
        mvc.perform(multipart("/api/v1/schools/{id}/roster", school.schoolId()).file(roster(rows(tag, 28))).with(user(school.admin())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.classes").value(2))
                .andExpect(jsonPath("$.staff").value(2))
                .andExpect(jsonPath("$.teaching").value(3));
        long classes = count("select count(*) from class_group where school_id = ? and active");
        long staff = count("select count(*) from staff where school_id = ?");
        mvc.perform(multipart("/api/v1/schools/{id}/roster", school.schoolId()).file(roster(rows(tag, 30))).with(user(school.admin())))
                .andExpect(status().isOk());
        assertThat(count("select count(*) from class_group where school_id = ? and active")).isEqualTo(classes);
        assertThat(count("select count(*) from staff where school_id = ?")).isEqualTo(staff);
        assertThat(count("select pupils from class_group where school_id = ? and class_ref = '9A'")).isEqualTo(30);
        // the fixture's classes 1 and 2 were not in the file: retired, not deleted
        assertThat(count("select count(*) from class_group where school_id = ? and not active")).isEqualTo(2);
    }

    @Test
    void badRowsAreListedAndNothingIsImported() throws Exception {
        long before = count("select count(*) from class_group where school_id = ?");
        String bad = RosterCsvTest.HEADER
                + "8A,Year 8 A,8,28,T01,Ms Okafor,okafor@school.example,English\n"
                + "8B,Year 8 B,8,lots,T02,Mr Hughes,hughes@school.example,Maths\n"
                + "8C,Year 8 C,8,20,T03,Mr Third,third-at-school,Maths\n";
        mvc.perform(multipart("/api/v1/schools/{id}/roster", school.schoolId()).file(roster(bad)).with(user(school.admin())))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].line").value(3))
                .andExpect(jsonPath("$.errors[0].column").value(4))
                .andExpect(jsonPath("$.errors[0].field").value("pupils"))
                .andExpect(jsonPath("$.errors[1].line").value(4))
                .andExpect(jsonPath("$.errors[1].field").value("teacher_email"));
        assertThat(count("select count(*) from class_group where school_id = ?")).isEqualTo(before);
    }

    @Test
    void anEmailOfAnotherSchoolsAccountIsRefused() throws Exception {
        Fixtures.SchoolSetup other = fixtures.school(school.networkId());
        String clash = RosterCsvTest.HEADER + "9C,Year 9 C,9,28,T09,Ms Clash," + other.teacherA().email() + ",English\n";
        mvc.perform(multipart("/api/v1/schools/{id}/roster", school.schoolId()).file(roster(clash)).with(user(school.admin())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].file").value("roster"))
                .andExpect(jsonPath("$.errors[0].line").value(2))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("is the account of someone on the staff of")));
        assertThat(count("select count(*) from class_group where school_id = ? and class_ref = '9C'")).isZero();
    }

    @Test
    void theRosterPageShowsErrorsInATable() throws Exception {
        String bad = RosterCsvTest.HEADER + "8A,Year 8 A,8,-3,T01,Ms Okafor,okafor@school.example,English\n";
        mvc.perform(multipart("/staff/schools/{id}/roster/preview", school.schoolId()).file(roster(bad)).with(user(school.admin())).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("is not a number of pupils from 0 to 200")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Import these changes"))));
        mvc.perform(multipart("/staff/schools/{id}/roster/preview", school.schoolId()).file(roster("\"unterminated")).with(user(school.admin())).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("not valid CSV")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Import these changes"))));
    }

    MockMultipartFile staffFile(String text) {
        return new MockMultipartFile("staff", "staff.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    java.util.Map<String, String> teams() {
        java.util.Map<String, String> teams = new java.util.TreeMap<>();
        jdbc.sql("select s.staff_ref, coalesce(t.name, '') from staff s left join team t on t.id = s.team_id where s.school_id = ? and s.staff_ref like 'T0%'")
                .param(school.schoolId()).query(rs -> {
                    teams.put(rs.getString(1), rs.getString(2));
                });
        return teams;
    }

    @Test
    void theStaffFileSetsTeamsAndAFileWithoutTheColumnLeavesThem() throws Exception {
        String tag = school.tag();
        // the head is listed too: a staff file decides who is staff, and nobody can remove themself
        String withTeams = "staff_id,name,email,role,team\n"
                + "T01,Ms Okafor,okafor-" + tag + "@school.example,teacher,English\n"
                + "T02,Mr Hughes,hughes-" + tag + "@school.example,teacher,Maths\n"
                + "H1,Dr Ruth Cole," + school.admin().email() + ",leader,\n";
        mvc.perform(multipart("/api/v1/schools/{id}/roster", school.schoolId()).file(roster(rows(tag, 28))).file(staffFile(withTeams))
                .with(user(school.admin()))).andExpect(status().isOk());
        assertThat(teams()).containsExactly(java.util.Map.entry("T01", "English"), java.util.Map.entry("T02", "Maths"));

        // the roster alone, then a staff file without a team column: teams stay
        mvc.perform(multipart("/api/v1/schools/{id}/roster", school.schoolId()).file(roster(rows(tag, 28))).with(user(school.admin())))
                .andExpect(status().isOk());
        String noTeamColumn = "staff_id,name,email,role\n"
                + "T01,Ms Okafor,okafor-" + tag + "@school.example,teacher\n"
                + "T02,Mr Hughes,hughes-" + tag + "@school.example,teacher\n"
                + "H1,Dr Ruth Cole," + school.admin().email() + ",leader\n";
        mvc.perform(multipart("/api/v1/schools/{id}/roster", school.schoolId()).file(roster(rows(tag, 28))).file(staffFile(noTeamColumn))
                .with(user(school.admin()))).andExpect(status().isOk());
        assertThat(teams()).containsExactly(java.util.Map.entry("T01", "English"), java.util.Map.entry("T02", "Maths"));

        // a blank team cell takes the person out of their team; a team name too long is refused by line and column
        String blank = withTeams.replace(",English", ",");
        mvc.perform(multipart("/api/v1/schools/{id}/roster", school.schoolId()).file(roster(rows(tag, 28))).file(staffFile(blank))
                .with(user(school.admin()))).andExpect(status().isOk());
        assertThat(teams()).containsExactly(java.util.Map.entry("T01", ""), java.util.Map.entry("T02", "Maths"));
        String tooLong = withTeams.replace(",Maths", "," + "M".repeat(61));
        mvc.perform(multipart("/api/v1/schools/{id}/roster", school.schoolId()).file(roster(rows(tag, 28))).file(staffFile(tooLong))
                .with(user(school.admin())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("team"))
                .andExpect(jsonPath("$.errors[0].line").value(3))
                .andExpect(jsonPath("$.errors[0].column").value(5));
        assertThat(teams()).containsExactly(java.util.Map.entry("T01", ""), java.util.Map.entry("T02", "Maths"));
    }
}
