package org.rapport.app.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.rapport.app.access.CodeService;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.ClassGroup;
import org.rapport.app.school.Onboarding;
import org.rapport.app.school.RosterCsv;
import org.rapport.app.school.RosterService;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.school.StaffPasswords;
import org.rapport.app.security.StaffUser;
import org.rapport.app.survey.Session;
import org.rapport.app.survey.SurveyPlan;
import org.rapport.app.survey.Submissions;
import org.rapport.app.survey.SurveySessions;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.app.window.Windows;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Builds networks, schools, staff, classes and windows for tests the way a user does: through
 * onboarding, a roster file through the roster importer, passwords, windows and codes through their
 * services, answers through the survey. Every name is fresh.
 */
@TestComponent
public class Fixtures {
    public static final String PASSWORD = "correct horse battery";
    private static final String[] SCHOOL_NAMES = {"Hillside School", "Brookfield Academy", "Meadow Primary"};
    private final Onboarding onboarding;
    private final RosterService roster;
    private final StaffPasswords passwords;
    private final Schools schools;
    private final UserDetailsService users;
    private final WindowService windowService;
    private final Windows windows;
    private final CodeService codes;
    private final SurveySessions sessions;
    private final Submissions submissions;

    public Fixtures(Onboarding onboarding, RosterService roster, StaffPasswords passwords, Schools schools, UserDetailsService users,
                    WindowService windowService, Windows windows, CodeService codes, SurveySessions sessions, Submissions submissions) {
        this.onboarding = onboarding;
        this.roster = roster;
        this.passwords = passwords;
        this.schools = schools;
        this.users = users;
        this.windowService = windowService;
        this.windows = windows;
        this.codes = codes;
        this.sessions = sessions;
        this.submissions = submissions;
    }

    /** The first question of a session's survey answered: the least a survey sends (one with nothing answered is refused). */
    public static Map<String, Integer> oneAnswer(Session s) {
        SurveyPlan.Block first = s.plan().blocks().get(0);
        return Map.of(first.key(first.items().get(0)).toString(), 2);
    }

    /** Submits every question of the code's survey, answered around one level of trust drawn for this respondent. */
    public void answerAroundALevel(String code, Random random, Map<String, String> comments) {
        answerAround(code, 2 + random.nextGaussian(), random, comments);
    }

    /** Submits every question of the code's survey, each answer the given level (0–4) plus noise. */
    public void answerAround(String code, double level, Random random, Map<String, String> comments) {
        Session s = sessions.start(code);
        if (s.mustChoose()) {
            s = chooseAPattern(code, random);
        }
        Map<String, Integer> answers = new HashMap<>();
        s.plan().blocks().forEach(b -> b.items().forEach(i -> answers.put(b.key(i).toString(),
                (int) Math.max(0, Math.min(Item.MAX_VALUE, Math.round(level + random.nextGaussian()))))));
        submissions.submit(code, UUID.randomUUID().toString(), answers, comments, null, s.holderKey());
    }

    /**
     * A timetable pupil's code: the pupil chooses the classes of one of their home group's sets of classes, drawn at random
     * (as a pupil of that set would); the session holds the device's key ({@link Session#holderKey()}).
     */
    public Session chooseAPattern(String code, Random random) {
        Session s = sessions.start(code);
        List<org.rapport.app.school.PupilPattern> home = schools.patterns(s.context().window().schoolId()).stream()
                .filter(p -> p.active() && p.pupils() > 0 && p.homeClassId() == s.context().classId()).toList();
        org.rapport.app.school.PupilPattern p = home.get(random.nextInt(home.size()));
        return sessions.choose(code, p.classIds().stream().filter(c -> c != p.homeClassId()).toList(), null, null);
    }

    /** A school with an admin, two teachers (A teaches class 1, B teaches classes 1 and 2) and two classes. */
    public record SchoolSetup(long networkId, long schoolId, StaffUser admin, StaffUser teacherA, StaffUser teacherB,
                              long class1, long class2, String tag) {
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new network with its first network admin. */
    public long network() {
        String tag = tag();
        Onboarding.Started started = onboarding.createNetwork("Network " + tag,
                new Onboarding.NewAccount("Jo Network " + tag, "net-" + tag + "@test.example"));
        passwords.set(started.admin(), PASSWORD);
        return started.networkId();
    }

    public SchoolSetup school(long network) {
        return school(network, 5, 5);
    }

    public SchoolSetup school(long network, int pupils1, int pupils2) {
        String tag = tag();
        int existing = schools.inNetwork(network).size();
        String name = SCHOOL_NAMES[existing % SCHOOL_NAMES.length] + (existing >= SCHOOL_NAMES.length ? " " + existing : "");
        String admin = "admin-" + tag + "@test.example";
        String a = "a-" + tag + "@test.example";
        String b = "b-" + tag + "@test.example";
        School school = onboarding.addSchool(network, name, new Onboarding.NewAccount("Dr Ruth Cole", admin)).school();
        String staffFile = "staff_id,name,email,role\n"
                + "H1,Dr Ruth Cole," + admin + ",leader\n"
                + "A,Ms Amara Okafor," + a + ",teacher\n"
                + "B,Mr Ben Hughes," + b + ",teacher\n";
        String rosterFile = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n"
                + "7A,Year 7 A,7," + pupils1 + ",A,Ms Amara Okafor," + a + ",English\n"
                + "7A,Year 7 A,7," + pupils1 + ",B,Mr Ben Hughes," + b + ",Maths\n"
                + "7B,Year 7 B,7," + pupils2 + ",B,Mr Ben Hughes," + b + ",Maths\n";
        roster.importRoster(school, RosterCsv.parse(rosterFile.getBytes(StandardCharsets.UTF_8), staffFile.getBytes(StandardCharsets.UTF_8)));
        setPasswords(school.id());
        Map<String, Long> classes = new HashMap<>();
        schools.classes(school.id()).forEach(c -> classes.put(c.ref(), c.id()));
        return new SchoolSetup(network, school.id(), user(admin), user(a), user(b), classes.get("7A"), classes.get("7B"), tag);
    }

    /** A school of {@code teachers} teachers, each the class teacher of a class of {@code pupils}, and two leaders (its admin first). */
    public record StaffRoom(long schoolId, StaffUser admin, List<Long> classes) {
    }

    public StaffRoom staffRoom(long network, int teachers, int pupils) {
        int[] sizes = new int[teachers];
        java.util.Arrays.fill(sizes, pupils);
        return staffRoom(network, sizes, 0);
    }

    /**
     * A school whose teacher {@code t} ("Teacher t", staff id T{@code t}) is the class teacher of class
     * C{@code t} ("Class t") of {@code pupils[t - 1]} pupils; with {@code teamSize > 0} the teachers
     * form teams ("Team 1", …) of that many each, in order.
     */
    public StaffRoom staffRoom(long network, int[] pupils, int teamSize) {
        return staffRoom(network, pupils, teamSize, 0);
    }

    /** The same with {@code moreLeaders} leaders ("Leader 3", …) beside the head and the deputy. */
    public StaffRoom staffRoom(long network, int[] pupils, int teamSize, int moreLeaders) {
        String tag = tag();
        String admin = "head-" + tag + "@test.example";
        School school = onboarding.addSchool(network, "Staff room " + tag, new Onboarding.NewAccount("Mx Head", admin)).school();
        StringBuilder staffFile = new StringBuilder("staff_id,name,email,role,team\n")
                .append("H1,Mx Head,").append(admin).append(",leader,\n")
                .append("H2,Ms Deputy,deputy-").append(tag).append("@test.example,leader,\n");
        for (int l = 3; l < 3 + moreLeaders; l++) {
            staffFile.append('H').append(l).append(",Leader ").append(l).append(",leader").append(l).append('-').append(tag).append("@test.example,leader,\n");
        }
        StringBuilder rosterFile = new StringBuilder("class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n");
        for (int t = 1; t <= pupils.length; t++) {
            String email = "t" + t + "-" + tag + "@test.example";
            String team = teamSize > 0 ? "Team " + ((t - 1) / teamSize + 1) : "";
            staffFile.append("T").append(t).append(",Teacher ").append(t).append(',').append(email).append(",teacher,").append(team).append('\n');
            rosterFile.append("C").append(t).append(",Class ").append(t).append(",8,").append(pupils[t - 1]).append(",T").append(t)
                    .append(",Teacher ").append(t).append(',').append(email).append(",\n");
        }
        roster.importRoster(school, RosterCsv.parse(rosterFile.toString().getBytes(StandardCharsets.UTF_8),
                staffFile.toString().getBytes(StandardCharsets.UTF_8)));
        setPasswords(school.id());
        return new StaffRoom(school.id(), user(admin), schools.classes(school.id()).stream().map(ClassGroup::id).toList());
    }

    /**
     * A school of this name with the roster and staff files a school admin would upload; its admin is
     * {@code adminEmail} (who must be a leader of the staff file). Everyone gets {@link #PASSWORD}.
     */
    public StaffRoom namedSchool(long network, String name, String adminEmail, String rosterFile, String staffFile) {
        School school = onboarding.addSchool(network, name, new Onboarding.NewAccount("Head", adminEmail)).school();
        roster.importRoster(school, RosterCsv.parse(rosterFile.getBytes(StandardCharsets.UTF_8), staffFile.getBytes(StandardCharsets.UTF_8)));
        setPasswords(school.id());
        return new StaffRoom(school.id(), user(adminEmail), schools.classes(school.id()).stream().map(ClassGroup::id).toList());
    }

    /** A member of staff of any school, signed in as they would be. */
    public StaffUser staffUser(String email) {
        return user(email);
    }

    /** Everyone of the school gets {@link #PASSWORD}. */
    private void setPasswords(long schoolId) {
        for (StaffMember member : schools.staff(schoolId)) {
            passwords.set(member, PASSWORD);
        }
    }

    /** Another network admin of the network. */
    public StaffUser networkAdmin(long network) {
        String email = "net-" + tag() + "@test.example";
        passwords.set(onboarding.addNetworkAdmin(network, new Onboarding.NewAccount("Network admin", email)), PASSWORD);
        return user(email);
    }

    private StaffUser user(String email) {
        return (StaffUser) users.loadUserByUsername(email);
    }

    /** A window planned, not opened: one a goal can name as the window that will tell. */
    public SurveyWindow plannedWindow(long schoolId, String name) {
        return windowService.create(schools.find(schoolId).orElseThrow(), name);
    }

    public SurveyWindow openWindow(long schoolId) {
        School school = schools.find(schoolId).orElseThrow();
        int existing = windows.forSchool(schoolId).size();
        SurveyWindow w = windowService.create(school, existing == 0 ? "Autumn 2026" : "Autumn 2026 (" + (existing + 1) + ")");
        return windowService.open(w);
    }

    /** Generates codes of a role for one class (or all classes, or the staff) and returns them, canonical (no dash). */
    public List<String> codes(SurveyWindow window, RespondentRole role, Long classId) {
        CodeService.Batch batch = codes.generate(window, role, classId == null ? null : List.of(classId));
        List<String> out = new ArrayList<>();
        batch.groups().forEach(g -> g.slips().forEach(s -> out.add(s.code())));
        return out;
    }

    /** The classes of a school by their ids in the roster. */
    public Map<String, ClassGroup> classes(long schoolId) {
        Map<String, ClassGroup> out = new HashMap<>();
        schools.classes(schoolId).forEach(c -> out.put(c.ref(), c));
        return out;
    }
}
