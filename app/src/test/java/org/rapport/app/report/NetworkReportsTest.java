package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rapport.app.calibration.Scale;
import org.rapport.app.demo.GeneratedNetwork;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.support.AppTest;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The report benchmark's generator in small, as a correctness test: a network of ten secondary
 * schools made through the application's services (the same {@link GeneratedNetwork} the benchmark
 * times at 100 and 300 schools). Every report page of every school answers, for its head and for
 * every teacher, before and after one more answer; and every group a wave shows counts exactly the
 * respondents that a plain SQL count over the stored answers finds, up to the batch it was shown at.
 */
class NetworkReportsTest extends AppTest {
    static final int SCHOOLS = 10;

    @Autowired
    GeneratedNetwork generator;
    @Autowired
    MeasureService measures;
    @Autowired
    Windows windows;
    @Autowired
    ItemBank bank;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDetailsService logins;
    @Autowired
    MockMvc mvc;

    @Test
    void everyReportOfATenSchoolNetworkAnswersAndEveryGroupCountsWhatSqlCounts() throws Exception {
        GeneratedNetwork.Generated network = generator.build("Reports Check Trust", SCHOOLS, "a-long-enough-password", 11);

        everyPageAnswers(network);
        for (String wave : List.of(GeneratedNetwork.FIRST, GeneratedNetwork.SECOND)) {
            countsAgreeWithSql(network.networkId(), wave);
        }

        // one more answer in the open wave: pages still answer, and every group counts exactly what it shows
        generator.respond(network.schools().get(0).spareCodes().get(0), 3);
        everyPageAnswers(network);
        countsAgreeWithSql(network.networkId(), GeneratedNetwork.SECOND);
    }

    private void everyPageAnswers(GeneratedNetwork.Generated network) throws Exception {
        for (GeneratedNetwork.GeneratedSchool school : network.schools()) {
            UserDetails head = logins.loadUserByUsername(school.head().email());
            long window = school.open().id();
            List<String> pages = new ArrayList<>(List.of("/staff/windows/" + window + "/report", "/api/v1/windows/" + window + "/report"));
            for (Relationship r : Relationship.values()) {
                pages.add("/staff/windows/" + window + "/relationships/" + r.name());
                pages.add("/api/v1/windows/" + window + "/relationships/" + r.name());
            }
            pages.add("/staff/windows/" + window + "/relationships/PUPIL_TEACHER/PUPIL_TEACHER-ranges.csv");
            for (String page : pages) {
                assertThat(status(page, head)).as(page).isEqualTo(200);
            }
            List<String> teachers = jdbc.sql("""
                    select distinct s.email from staff s join teaching t on t.staff_id = s.id where s.school_id = ?""")
                    .param(school.school().id()).query(String.class).list();
            assertThat(teachers).hasSizeGreaterThan(20);
            for (String email : teachers) {
                UserDetails teacher = logins.loadUserByUsername(email);
                long id = jdbc.sql("select id from staff where email = ?").param(email).query(Long.class).single();
                String page = "/staff/windows/" + window + "/teachers/" + id + "/report";
                assertThat(status(page, teacher)).as(page).isEqualTo(200);
            }
        }
    }

    private int status(String path, UserDetails as) throws Exception {
        return mvc.perform(get(path).with(user(as))).andReturn().getResponse().getStatus();
    }

    /** Every shown group's n, on each relationship's scale, against SQL over the answers up to its watermark. */
    private void countsAgreeWithSql(long networkId, String waveName) {
        WaveResults wave = measures.wave(networkId, waveName).orElseThrow();
        Long[] windowIds = windows.wave(networkId, waveName).windowIds().toArray(Long[]::new);
        int checked = 0;
        for (Relationship r : Relationship.values()) {
            Scale scale = new Scale(r, null);
            Map<GroupKey, GroupResult> results = wave.results().getOrDefault(scale, Map.of());
            Map<GroupKey, Map<Long, Integer>> byBatch = sqlCounts(windowIds, r, scale.items(bank).stream().map(Item::id).toArray(String[]::new));
            GroupResult all = results.get(GroupKey.NETWORK);
            assertThat(all).as(waveName + " " + r + " network").isNotNull();
            assertThat(all.shown()).as(waveName + " " + r + " network shown").isTrue();
            // a school is the sum of its classes and teachers' blocks: with k respondents or more, nothing hides it
            for (GroupResult g : results.values()) {
                int n = byBatch.getOrDefault(g.key(), Map.of()).values().stream().mapToInt(Integer::intValue).sum();
                if (g.kind() == GroupKey.Kind.SCHOOL && n >= 5) {
                    assertThat(g.shown()).as(waveName + " " + r + " " + g.key() + " of " + n).isTrue();
                }
            }
            for (GroupResult g : results.values()) {
                if (!g.shown()) {
                    continue;
                }
                int sql = byBatch.getOrDefault(g.key(), Map.of()).entrySet().stream()
                        .filter(e -> e.getKey() <= g.watermark()).mapToInt(Map.Entry::getValue).sum();
                assertThat(g.respondents()).as(waveName + " " + r + " " + g.key()).isEqualTo(sql);
                checked++;
            }
        }
        assertThat(checked).as("groups checked in " + waveName).isGreaterThan(SCHOOLS * 40);
    }

    /** Per group and batch, the distinct responses that answered an item of the relationship. */
    private Map<GroupKey, Map<Long, Integer>> sqlCounts(Long[] windowIds, Relationship r, String[] items) {
        Map<GroupKey, Map<Long, Integer>> out = new HashMap<>();
        jdbc.sql("""
                with a as (
                    select distinct r.id as response, b.batch, w.school_id, r.class_id, a.target_staff, s.team_id
                    from response r join survey_window w on w.id = r.window_id join answer a on a.response_id = r.id
                    join response_batch b on b.response_id = r.id left join staff s on s.id = a.target_staff
                    where r.window_id = any(?) and r.respondent_role = ? and a.item_id = any(?))
                select 'NETWORK' as kind, 0 as id, batch, count(distinct response) as n from a group by batch
                union all select 'SCHOOL', school_id, batch, count(distinct response) from a group by school_id, batch
                union all select 'CLASS', class_id, batch, count(distinct response) from a where class_id is not null group by class_id, batch
                union all select 'TEACHER', target_staff, batch, count(distinct response) from a
                    where target_staff is not null group by target_staff, batch
                union all select 'TEAM', team_id, batch, count(distinct response) from a where team_id is not null group by team_id, batch""")
                .params(windowIds, r.respondent().name(), items)
                .query((rs, i) -> {
                    GroupKey key = new GroupKey(GroupKey.Kind.valueOf(rs.getString("kind")), rs.getLong("id"));
                    out.computeIfAbsent(key, k -> new HashMap<>()).put(rs.getLong("batch"), rs.getInt("n"));
                    return key;
                }).list();
        return out;
    }
}
