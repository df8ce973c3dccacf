package org.rapport.app.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.rapport.app.access.CodeService;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.security.StaffUser;
import org.rapport.app.security.StaffUserService;
import org.rapport.app.survey.SurveyService;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Builds schools, staff, classes and windows for tests, each under fresh unique names. */
@TestComponent
public class Fixtures {
    public static final String PASSWORD = "correct horse battery";
    private static final String[] SCHOOL_NAMES = {"Hillside School", "Brookfield Academy", "Meadow Primary"};
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final StaffUserService users;
    private final WindowService windows;
    private final CodeService codes;
    private final SurveyService surveys;
    private String hash;

    public Fixtures(JdbcClient jdbc, PasswordEncoder encoder, StaffUserService users, WindowService windows, CodeService codes,
                    SurveyService surveys) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.users = users;
        this.windows = windows;
        this.codes = codes;
        this.surveys = surveys;
    }

    /** Submits every question of the code's survey, answered around one level of trust drawn for this respondent. */
    public void answerAroundALevel(String code, Random random, Map<String, String> comments) {
        SurveyService.Session s = surveys.start(code);
        double level = 2 + random.nextGaussian();
        Map<String, Integer> answers = new HashMap<>();
        s.plan().blocks().forEach(b -> b.items().forEach(i -> answers.put(b.key(i),
                (int) Math.max(0, Math.min(Item.MAX_VALUE, Math.round(level + random.nextGaussian()))))));
        surveys.submit(code, UUID.randomUUID().toString(), answers, comments);
    }

    /** A school with an admin, two teachers (A teaches class 1, B teaches classes 1 and 2) and two classes. */
    public record SchoolSetup(long networkId, long schoolId, StaffUser admin, StaffUser teacherA, StaffUser teacherB,
                              long class1, long class2, String tag) {
    }

    private String hash() {
        if (hash == null) {
            hash = encoder.encode(PASSWORD);
        }
        return hash;
    }

    public long network() {
        return jdbc.sql("insert into network (name) values (?) returning id").param("Network " + UUID.randomUUID())
                .query(Long.class).single();
    }

    public SchoolSetup school(long network) {
        return school(network, 5, 5);
    }

    public SchoolSetup school(long network, int pupils1, int pupils2) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        int existing = jdbc.sql("select count(*) from school where network_id = ?").param(network).query(Integer.class).single();
        long school = jdbc.sql("insert into school (network_id, name) values (?, ?) returning id")
                .params(network, SCHOOL_NAMES[existing % SCHOOL_NAMES.length] + (existing >= SCHOOL_NAMES.length ? " " + existing : ""))
                .query(Long.class).single();
        StaffUser admin = staff(network, school, "admin-" + tag, "Dr Ruth Cole", "SCHOOL_ADMIN", true);
        StaffUser a = staff(network, school, "a-" + tag, "Ms Amara Okafor", "TEACHER", false);
        StaffUser b = staff(network, school, "b-" + tag, "Mr Ben Hughes", "TEACHER", false);
        long c1 = jdbc.sql("insert into class_group (school_id, class_ref, name, year_group, pupils) values (?, '7A', 'Year 7 A', '7', ?) returning id")
                .params(school, pupils1).query(Long.class).single();
        long c2 = jdbc.sql("insert into class_group (school_id, class_ref, name, year_group, pupils) values (?, '7B', 'Year 7 B', '7', ?) returning id")
                .params(school, pupils2).query(Long.class).single();
        jdbc.sql("insert into teaching (class_id, staff_id) values (?, ?), (?, ?), (?, ?)")
                .params(c1, a.id(), c1, b.id(), c2, b.id()).update();
        return new SchoolSetup(network, school, admin, a, b, c1, c2, tag);
    }

    public StaffUser networkAdmin(long network) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                insert into staff (network_id, school_id, email, display_name, role, password_hash)
                values (?, null, ?, ?, 'NETWORK_ADMIN', ?)""")
                .params(network, "net-" + tag + "@test.example", "Network " + tag, hash()).update();
        return users.loadUserByUsername("net-" + tag + "@test.example");
    }

    private StaffUser staff(long network, long school, String local, String name, String role, boolean leader) {
        String email = local + "@test.example";
        jdbc.sql("""
                insert into staff (network_id, school_id, staff_ref, email, display_name, role, is_leader, password_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(network, school, local, email, name, role, leader, hash()).update();
        return users.loadUserByUsername(email);
    }

    public SurveyWindow openWindow(long schoolId) {
        int existing = jdbc.sql("select count(*) from survey_window where school_id = ?").param(schoolId).query(Integer.class).single();
        SurveyWindow w = windows.create(new org.rapport.app.school.School(schoolId, 0, ""),
                existing == 0 ? "Autumn 2026" : "Autumn 2026 (" + (existing + 1) + ")");
        return windows.open(w);
    }

    /** Generates codes of a role for all classes (or staff) and returns them, canonical (no dash). */
    public List<String> codes(SurveyWindow window, RespondentRole role, Long classId) {
        CodeService.Batch batch = codes.generate(window, role, classId == null ? null : List.of(classId));
        List<String> out = new ArrayList<>();
        batch.groups().forEach(g -> g.slips().forEach(s -> out.add(s.code())));
        return out;
    }
}
