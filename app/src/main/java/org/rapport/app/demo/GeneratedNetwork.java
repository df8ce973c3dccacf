package org.rapport.app.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.school.Onboarding;
import org.rapport.app.school.RosterCsv;
import org.rapport.app.school.RosterService;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.school.StaffPasswords;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A network of any number of secondary schools made the way a real one is, for benchmarks and tests
 * at the size real networks have: onboarding, a roster per school through the roster importer (classes
 * of 18 to 32 pupils, so that no two schools look alike), windows and codes through their services, and
 * every answer typed in and sent through the survey by {@link DemoRespondents}. A first window is
 * answered, closed and calibrated on; a second is answered and left open, with codes to spare.
 */
@Component
public class GeneratedNetwork {
    public static final String FIRST = "Autumn 2026";
    public static final String SECOND = "Spring 2027";
    private static final String[] SUBJECTS = {"English", "Maths", "Science", "Humanities", "Languages"};
    private static final int CLASSES = 24;
    private static final int TEACHERS = 25;
    private static final int LEADERS = 3;

    private final Onboarding onboarding;
    private final RosterService roster;
    private final StaffPasswords passwords;
    private final Schools schools;
    private final CalibrationService calibrations;
    private final DemoRespondents respondents;
    private final TransactionTemplate transaction;

    GeneratedNetwork(Onboarding onboarding, RosterService roster, StaffPasswords passwords, Schools schools,
                     CalibrationService calibrations, DemoRespondents respondents, TransactionTemplate transaction) {
        this.onboarding = onboarding;
        this.roster = roster;
        this.passwords = passwords;
        this.schools = schools;
        this.calibrations = calibrations;
        this.respondents = respondents;
        this.transaction = transaction;
    }

    /** One generated school: its open window, a teacher with a password, and codes not yet used in the open window. */
    public record GeneratedSchool(School school, SurveyWindow open, StaffMember head, StaffMember teacher, List<String> spareCodes) {
    }

    public record Generated(long networkId, String adminEmail, List<GeneratedSchool> schools) {
    }

    /**
     * Builds a network of {@code count} schools; the admin, each school's head and its first teacher
     * get {@code password}. Each school is made in a transaction of its own, as a school admin would.
     */
    public Generated build(String name, int count, String password, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String domain = name.toLowerCase().replaceAll("[^a-z0-9]+", "");
        Onboarding.Started network = transaction.execute(s -> onboarding.createNetwork(name,
                new Onboarding.NewAccount("Network Admin", "admin@" + domain + ".example")));
        passwords.set(network.admin(), password);
        List<School> made = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int number = i;
            made.add(transaction.execute(s -> school(network.networkId(), domain, number, random)));
        }
        for (School school : made) {
            transaction.executeWithoutResult(s -> respondents.window(school, FIRST, 0.0, random, true));
        }
        calibrations.calibrate(network.networkId(), FIRST);
        List<GeneratedSchool> out = new ArrayList<>();
        for (School school : made) {
            out.add(transaction.execute(s -> open(school, password, random)));
        }
        return new Generated(network.networkId(), network.admin().email(), out);
    }

    /** A school whose pupils are about to answer: its open window and every pupil's code, none used yet. */
    public record WaitingSchool(School school, SurveyWindow window, List<String> pupilCodes) {
    }

    /**
     * Adds {@code count} schools to a network {@link #build} made (numbered after {@code after}), each with its roster and
     * the second window open with every pupil's code issued and none used: whole schools about to answer at once.
     */
    public List<WaitingSchool> waiting(Generated network, int after, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String domain = network.adminEmail().substring(network.adminEmail().indexOf('@') + 1).replace(".example", "");
        List<WaitingSchool> out = new ArrayList<>();
        for (int i = after + 1; i <= after + count; i++) {
            int number = i;
            out.add(transaction.execute(s -> {
                School school = school(network.networkId(), domain, number, random);
                DemoRespondents.Answered issued = respondents.waiting(school, SECOND);
                return new WaitingSchool(school, issued.window(), issued.spare());
            }));
        }
        return out;
    }

    /** One more respondent, a level of trust drawn at random, takes the survey of {@code code} and sends it. */
    public void respond(String code, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        respondents.take(code, random.nextGaussian(), random);
    }

    private School school(long networkId, String domain, int number, SplittableRandom random) {
        String host = "s" + number + "." + domain + ".example";
        School school = onboarding.addSchool(networkId, "School " + number, new Onboarding.NewAccount("Head " + number, "head@" + host)).school();
        StringBuilder staff = new StringBuilder("staff_id,name,email,role,team\n");
        staff.append("L1,Head ").append(number).append(",head@").append(host).append(",leader,\n");
        for (int l = 2; l <= LEADERS; l++) {
            staff.append('L').append(l).append(",Leader ").append(l).append(",leader").append(l).append('@').append(host).append(",leader,\n");
        }
        for (int t = 1; t <= TEACHERS; t++) {
            staff.append('T').append(t).append(",Teacher ").append(t).append(",teacher").append(t).append('@').append(host)
                    .append(",teacher,").append(SUBJECTS[(t - 1) % SUBJECTS.length]).append('\n');
        }
        // each class is taught by four or five of the teachers, so each teacher has three to five classes
        StringBuilder classes = new StringBuilder("class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n");
        for (int c = 0; c < CLASSES; c++) {
            int year = 7 + c / 5;
            String ref = year + String.valueOf((char) ('A' + c % 5));
            int pupils = 18 + random.nextInt(15);
            int taughtBy = 4 + (c % 3 == 0 ? 1 : 0);
            for (int k = 0; k < taughtBy; k++) {
                int t = (c * 4 + k * 6) % TEACHERS + 1;
                classes.append(ref).append(',').append(ref).append(',').append(year).append(',').append(pupils).append(",T").append(t)
                        .append(",Teacher ").append(t).append(",teacher").append(t).append('@').append(host).append(',')
                        .append(SUBJECTS[(t - 1) % SUBJECTS.length]).append('\n');
            }
        }
        roster.importRoster(school, RosterCsv.parse(classes.toString().getBytes(StandardCharsets.UTF_8),
                staff.toString().getBytes(StandardCharsets.UTF_8)));
        return school;
    }

    private GeneratedSchool open(School school, String password, SplittableRandom random) {
        DemoRespondents.Answered open = respondents.window(school, SECOND, 0.1, random, false);
        List<StaffMember> staff = schools.staff(school.id());
        StaffMember head = staff.stream().filter(s -> "L1".equals(s.ref())).findFirst().orElseThrow();
        StaffMember teacher = staff.stream().filter(s -> "T1".equals(s.ref())).findFirst().orElseThrow();
        passwords.set(head, password);
        passwords.set(teacher, password);
        return new GeneratedSchool(school, open.window(), head, teacher, open.spare());
    }
}
