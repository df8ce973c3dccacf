package org.rapport.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import org.rapport.app.access.AccessCode;
import org.rapport.app.access.CodeHasher;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.ItemDraw;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.measures.CalibrationService;
import org.rapport.measure.ItemParameters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A demonstration network: three schools, thirty classes, their staff, a closed window with
 * answers simulated from a partial credit model (so that reports have something to show), and an
 * open window with unused codes. Every account's password is "demo".
 */
@Component
public class DemoNetwork {
    public static final String PASSWORD = "demo";
    private static final String[] SURNAMES = {"Okafor", "Hughes", "Nowak", "Patel", "Silva", "Murphy", "Haddad", "Jensen",
        "Khan", "Rossi", "Ward", "Mensah", "Kowalski", "Ahmed", "Byrne", "Costa", "Fischer", "Lindqvist", "Osei", "Tanaka",
        "Dubois", "Evans", "Garcia", "Ito", "Kaur", "Lopez", "Novak", "Price", "Reyes", "Sato", "Turner", "Walsh", "Yilmaz",
        "Zhou", "Bianchi", "Chen"};
    private static final String[] TITLES = {"Ms", "Mr", "Mx", "Dr"};

    private final JdbcClient jdbc;
    private final CodeHasher hasher;
    private final ItemBank bank;
    private final PasswordEncoder encoder;
    private final CalibrationService calibrations;
    private final SecureRandom secure = new SecureRandom();
    private final Map<String, ItemParameters> trueItems = new HashMap<>();
    private final Map<Long, Double> teacherLevels = new HashMap<>();
    private final Map<Long, Double> classLevels = new HashMap<>();
    // comments drawn apart from the answers, so that adding them changed no answer of the demo
    private final SplittableRandom commentDraw = new SplittableRandom(41);
    private Map<String, List<String>> commentTexts;

    public DemoNetwork(JdbcClient jdbc, CodeHasher hasher, ItemBank bank, PasswordEncoder encoder, CalibrationService calibrations) {
        this.jdbc = jdbc;
        this.hasher = hasher;
        this.bank = bank;
        this.encoder = encoder;
        this.calibrations = calibrations;
    }

    public record Login(String role, String school, String email) {
    }

    public record Loaded(Map<String, List<String>> sampleCodes, Path codesFile) {
    }

    /** The demo's sign-ins to show at start: the network admin, each school's head and first teacher. */
    public List<Login> logins() {
        return jdbc.sql("""
                select case s.role when 'NETWORK_ADMIN' then 'network admin' when 'SCHOOL_ADMIN' then 'school admin (leader)'
                       else 'teacher' end, coalesce(sc.name, 'all schools'), s.email
                from staff s join network n on n.id = s.network_id left join school sc on sc.id = s.school_id
                where n.name = 'Riverside Learning Trust' and (s.school_id is null or s.staff_ref in ('S1', 'S3'))
                order by s.school_id nulls first, s.role""")
                .query((rs, n) -> new Login(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    public boolean present() {
        return jdbc.sql("select count(*) from network").query(Long.class).single() > 0;
    }

    @Transactional
    public Loaded load(Path dataDir) throws IOException {
        SplittableRandom random = new SplittableRandom(2026);
        String hash = encoder.encode(PASSWORD);
        long network = jdbc.sql("insert into network (name) values ('Riverside Learning Trust') returning id").query(Long.class).single();
        jdbc.sql("""
                insert into staff (network_id, school_id, staff_ref, email, display_name, role, is_leader, password_hash)
                values (?, null, null, 'trust@riverside.example', 'Jo Fielding', 'NETWORK_ADMIN', false, ?)""")
                .params(network, hash).update();
        String[][] schools = {
            {"Riverside Primary", "riverside", "primary"},
            {"Hillcrest Academy", "hillcrest", "secondary"},
            {"Northgate School", "northgate", "secondary"}};
        int surname = 0;
        StringBuilder codesCsv = new StringBuilder("school,window,role,group,code\n");
        Map<String, List<String>> sample = new LinkedHashMap<>();
        for (String[] s : schools) {
            long school = jdbc.sql("insert into school (network_id, name) values (?, ?) returning id")
                    .params(network, s[0]).query(Long.class).single();
            boolean primary = s[2].equals("primary");
            List<Long> teachers = new ArrayList<>();
            List<Long> leaders = new ArrayList<>();
            int staffCount = primary ? 12 : 14;
            for (int t = 0; t < staffCount; t++) {
                boolean leader = t < 2;
                String last = SURNAMES[surname++ % SURNAMES.length];
                String name = TITLES[t % TITLES.length] + " " + last;
                String email = (leader ? (t == 0 ? "head" : "deputy") : last.toLowerCase()) + "@" + s[1] + ".example";
                long id = jdbc.sql("""
                        insert into staff (network_id, school_id, staff_ref, email, display_name, role, is_leader, password_hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                        .params(network, school, "S" + (t + 1), email, name, leader ? "SCHOOL_ADMIN" : "TEACHER", leader, hash)
                        .query(Long.class).single();
                (leader ? leaders : teachers).add(id);
            }
            // teams: key stages in the primary, departments in the secondaries, three or more teachers each
            String[] teamNames = primary ? new String[] {"Key Stage 1", "Key Stage 2"}
                    : new String[] {"English", "Maths", "Science", "Humanities"};
            for (int k = 0; k < teamNames.length; k++) {
                long team = jdbc.sql("insert into team (school_id, name) values (?, ?) returning id").params(school, teamNames[k])
                        .query(Long.class).single();
                for (int t = k; t < teachers.size(); t += teamNames.length) {
                    jdbc.sql("update staff set team_id = ? where id = ?").params(team, teachers.get(t)).update();
                }
            }
            List<long[]> classes = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                String ref = primary ? "Y" + (c / 2 + 1) + (c % 2 == 0 ? "A" : "B") : (7 + c / 2) + (c % 2 == 0 ? "A" : "B");
                String year = primary ? Integer.toString(c / 2 + 1) : Integer.toString(7 + c / 2);
                int pupils = 22 + random.nextInt(9);
                long id = jdbc.sql("insert into class_group (school_id, class_ref, name, year_group, pupils) values (?, ?, ?, ?, ?) returning id")
                        .params(school, ref, primary ? "Year " + ref.substring(1) : ref, year, pupils).query(Long.class).single();
                classes.add(new long[] {id, pupils});
                int taught = primary ? 2 : 4;
                for (int k = 0; k < taught; k++) {
                    // primary: a class teacher and a second teacher; secondary: four subject teachers, each teaching three or four classes
                    long teacher = teachers.get((primary ? c + k * 3 : c * 4 + k) % teachers.size());
                    jdbc.sql("insert into teaching (class_id, staff_id) values (?, ?) on conflict do nothing").params(id, teacher).update();
                }
            }
            long spring = jdbc.sql("""
                    insert into survey_window (school_id, name, status, item_bank, opened_on, closed_on)
                    values (?, 'Spring 2026', 'CLOSED', ?, ?, ?) returning id""")
                    .params(school, bank.version(), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 20)).query(Long.class).single();
            simulate(spring, classes, teachers.size(), leaders.size(), 0.0, LocalDate.of(2026, 3, 10), random);
            long past = jdbc.sql("""
                    insert into survey_window (school_id, name, status, item_bank, opened_on, closed_on)
                    values (?, 'Summer 2026', 'CLOSED', ?, ?, ?) returning id""")
                    .params(school, bank.version(), LocalDate.of(2026, 6, 8), LocalDate.of(2026, 6, 26)).query(Long.class).single();
            simulate(past, classes, teachers.size(), leaders.size(), primary ? 0.25 : 0.1, LocalDate.of(2026, 6, 15), random);
            long open = jdbc.sql("""
                    insert into survey_window (school_id, name, status, item_bank, opened_on)
                    values (?, 'Autumn 2026', 'OPEN', ?, ?) returning id""")
                    .params(school, bank.version(), LocalDate.of(2026, 11, 16)).query(Long.class).single();
            for (long[] c : classes) {
                String className = jdbc.sql("select name from class_group where id = ?").param(c[0]).query(String.class).single();
                for (RespondentRole role : List.of(RespondentRole.PUPIL, RespondentRole.PARENT)) {
                    for (int k = 0; k < c[1]; k++) {
                        String code = newCode(open, role, c[0], false);
                        codesCsv.append(s[0]).append(",Autumn 2026,").append(role.name().toLowerCase()).append(',')
                                .append(className).append(',').append(AccessCode.format(code)).append('\n');
                        if (k < 3) {
                            sample.computeIfAbsent(s[0] + ", " + className + ", " + role.name().toLowerCase(), x -> new ArrayList<>())
                                    .add(AccessCode.format(code));
                        }
                    }
                }
            }
            for (RespondentRole role : List.of(RespondentRole.TEACHER, RespondentRole.LEADER)) {
                int n = role == RespondentRole.TEACHER ? teachers.size() : leaders.size();
                for (int k = 0; k < n; k++) {
                    String code = newCode(open, role, null, false);
                    codesCsv.append(s[0]).append(",Autumn 2026,").append(role.name().toLowerCase()).append(",staff,")
                            .append(AccessCode.format(code)).append('\n');
                }
            }
        }
        calibrations.calibrate(network, "Spring 2026");
        Files.createDirectories(dataDir);
        Path codesFile = dataDir.resolve("demo-codes.csv");
        Files.writeString(codesFile, codesCsv.toString());
        // keep three samples of one school only, for the console
        Map<String, List<String>> printed = new LinkedHashMap<>();
        sample.entrySet().stream().limit(2).forEach(e -> printed.put(e.getKey(), e.getValue()));
        return new Loaded(printed, codesFile);
    }

    private String newCode(long window, RespondentRole role, Long classId, boolean used) {
        String code = AccessCode.generate(secure);
        jdbc.sql("insert into access_code (code_hash, window_id, respondent_role, class_id, used) values (?, ?, ?, ?, ?)")
                .params(hasher.hash(code), window, role.name(), classId, used).update();
        return code;
    }

    /**
     * Answers of a past window drawn from a partial credit model, items drawn as the survey draws
     * them: each teacher has a level that lasts across windows, and {@code change} moves every level.
     */
    private void simulate(long window, List<long[]> classes, int teachers, int leaders, double change, LocalDate day,
                          SplittableRandom random) {
        Map<String, ItemParameters> parameters = itemParameters();
        double[] p = new double[Item.MAX_VALUE + 1];
        for (long[] c : classes) {
            List<Long> classTeachers = jdbc.sql("select staff_id from teaching where class_id = ? order by staff_id")
                    .param(c[0]).query(Long.class).list();
            double classLevel = classLevels.computeIfAbsent(c[0], k -> 0.3 * random.nextGaussian());
            int respondents = (int) Math.round(c[1] * (0.65 + 0.3 * random.nextDouble()));
            for (int v = 0; v < respondents; v++) {
                newCode(window, RespondentRole.PUPIL, c[0], true);
                double pupil = classLevel + change + random.nextGaussian();
                UUID id = insertResponse(window, RespondentRole.PUPIL, c[0], day);
                Random draw = new Random(random.nextLong());
                List<List<String>> blocks = ItemDraw.blocks(bank, Relationship.PUPIL_TEACHER, classTeachers.size(), draw);
                for (int t = 0; t < classTeachers.size(); t++) {
                    long teacher = classTeachers.get(t);
                    double level = teacherLevels.computeIfAbsent(teacher, k -> 0.6 * random.nextGaussian());
                    answerBlock(id, blocks.get(t), teacher, pupil + level, parameters, p, random);
                    comment(id, Relationship.PUPIL_TEACHER, teacher, pupil + level > 0.8 ? "teacher+" : pupil + level < -0.8 ? "teacher-" : "teacher0", 0.07);
                }
                answerBlock(id, ItemDraw.blocks(bank, Relationship.PUPIL_SCHOOL, 1, draw).get(0), null, pupil, parameters, p, random);
                comment(id, Relationship.PUPIL_SCHOOL, null, pupil > 0 ? "school+" : "school-", 0.06);
            }
            unusedCodes(window, RespondentRole.PUPIL, c[0], (int) c[1] - respondents);
            int parents = (int) Math.round(c[1] * (0.3 + 0.3 * random.nextDouble()));
            unusedCodes(window, RespondentRole.PARENT, c[0], (int) c[1] - parents);
            for (int v = 0; v < parents; v++) {
                newCode(window, RespondentRole.PARENT, c[0], true);
                UUID id = insertResponse(window, RespondentRole.PARENT, c[0], day);
                List<String> items = ItemDraw.blocks(bank, Relationship.PARENT_SCHOOL, 1, new Random(random.nextLong())).get(0);
                double parent = 0.3 + change + classLevel + random.nextGaussian();
                answerBlock(id, items, null, parent, parameters, p, random);
                comment(id, Relationship.PARENT_SCHOOL, null, parent > 0.3 ? "parent+" : "parent-", 0.1);
            }
        }
        int teacherRespondents = (int) Math.round(teachers * 0.85);
        unusedCodes(window, RespondentRole.TEACHER, null, teachers - teacherRespondents);
        for (int v = 0; v < teacherRespondents; v++) {
            newCode(window, RespondentRole.TEACHER, null, true);
            UUID id = insertResponse(window, RespondentRole.TEACHER, null, day);
            double teacher = random.nextGaussian() + change;
            Random draw = new Random(random.nextLong());
            for (Relationship r : RespondentRole.TEACHER.relationships()) {
                answerBlock(id, ItemDraw.blocks(bank, r, 1, draw).get(0), null, teacher - 0.3, parameters, p, random);
            }
        }
        for (int v = 0; v < leaders; v++) {
            newCode(window, RespondentRole.LEADER, null, true);
            UUID id = insertResponse(window, RespondentRole.LEADER, null, day);
            List<String> items = ItemDraw.blocks(bank, Relationship.LEADER_STAFF, 1, new Random(random.nextLong())).get(0);
            answerBlock(id, items, null, 0.5 + random.nextGaussian(), parameters, p, random);
        }
    }

    /** With probability {@code chance}, one of the demo's comments of this tone. */
    private void comment(UUID response, Relationship relationship, Long target, String tone, double chance) {
        if (commentDraw.nextDouble() >= chance) {
            return;
        }
        if (commentTexts == null) {
            commentTexts = new HashMap<>();
            try (var in = DemoNetwork.class.getResourceAsStream("/demo/comments.txt")) {
                new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\\|", 2))
                        .forEach(l -> commentTexts.computeIfAbsent(l[0], k -> new ArrayList<>()).add(l[1]));
            } catch (IOException e) {
                throw new IllegalStateException("the demo's comments are missing from the build", e);
            }
        }
        List<String> texts = commentTexts.get(tone);
        jdbc.sql("insert into comment (response_id, relationship, target_staff, body) values (?, ?, ?, ?)")
                .params(response, relationship.name(), target, texts.get(commentDraw.nextInt(texts.size()))).update();
    }

    /** The demo's true item parameters, the same in every window. */
    private Map<String, ItemParameters> itemParameters() {
        if (trueItems.isEmpty()) {
            SplittableRandom random = new SplittableRandom(17);
            for (Item item : bank.items()) {
                double location = -0.8 + 0.5 * random.nextGaussian();
                trueItems.put(item.id(), new ItemParameters(List.of(item.id()),
                        new double[][] {{location - 1.6, location - 0.5, location + 0.4, location + 1.4}}));
            }
        }
        return trueItems;
    }

    private void unusedCodes(long window, RespondentRole role, Long classId, int count) {
        for (int k = 0; k < count; k++) {
            newCode(window, role, classId, false);
        }
    }

    private UUID insertResponse(long window, RespondentRole role, Long classId, LocalDate day) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into response (id, window_id, respondent_role, class_id, submitted_on) values (?, ?, ?, ?, ?)")
                .params(id, window, role.name(), classId, day).update();
        return id;
    }

    private void answerBlock(UUID response, List<String> items, Long target, double theta,
                             Map<String, ItemParameters> parameters, double[] p, SplittableRandom random) {
        for (String itemId : items) {
            Item item = bank.item(itemId).orElseThrow();
            parameters.get(item.id()).categoryProbabilities(0, theta, p);
            double u = random.nextDouble();
            int value = 0;
            double cumulative = p[0];
            while (u > cumulative && value < Item.MAX_VALUE) {
                value++;
                cumulative += p[value];
            }
            jdbc.sql("insert into answer (response_id, item_id, target_staff, value) values (?, ?, ?, ?)")
                    .params(response, item.id(), target, value).update();
        }
    }
}
