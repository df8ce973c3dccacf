package org.rapport.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.rapport.app.access.CodeService;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.goal.Goals;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.safeguarding.Safeguarding;
import org.rapport.app.school.ClassGroup;
import org.rapport.app.school.Onboarding;
import org.rapport.app.school.RosterCsv;
import org.rapport.app.school.RosterService;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.school.StaffPasswords;
import org.rapport.app.security.StaffUser;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.app.window.Windows;
import org.rapport.app.yousaid.YouSaidWeDid;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A demonstration network made the way a real one is: the network and its first admin by onboarding,
 * each school with its head, its roster from the CSV files in {@code demo/} through the roster
 * importer, passwords through the staff password service, windows opened and closed through the
 * window service, codes generated for every group, and every answer typed in through the survey and
 * sent through the submission service ({@link DemoRespondents} plays the respondents). Two windows are
 * answered and closed ("Spring 2026", on which the network is then calibrated, and "Summer 2026"); a
 * third, "Autumn 2026", is open with unused codes. Every account's password is {@link #PASSWORD}.
 */
@Component
public class DemoNetwork {
    public static final String PASSWORD = "rapport-demo";
    static final String NETWORK = "Riverside Learning Trust";
    static final String REFERENCE = "Spring 2026";
    static final String LATER = "Summer 2026";
    static final String OPEN = "Autumn 2026";

    /** A school of the demo: its roster files {@code demo/<file>.roster.csv} and {@code .staff.csv}, its head, and how much trust rises by summer. */
    private record DemoSchool(String name, String file, String head, String domain, double summerRise) {
    }

    private static final List<DemoSchool> SCHOOLS = List.of(
            new DemoSchool("Riverside Primary", "riverside-primary", "Ms Okafor", "riverside", 0.25),
            new DemoSchool("Hillcrest Academy", "hillcrest-academy", "Ms Kowalski", "hillcrest", 0.1),
            new DemoSchool("Northgate School", "northgate-school", "Ms Novak", "northgate", 0.1));

    private final Onboarding onboarding;
    private final RosterService roster;
    private final StaffPasswords passwords;
    private final Schools schools;
    private final WindowService windows;
    private final CodeService codes;
    private final CalibrationService calibrations;
    private final DemoRespondents respondents;
    private final Safeguarding safeguarding;
    private final UserDetailsService users;
    private final YouSaidWeDid youSaid;
    private final Goals goals;
    private final TransactionTemplate transaction;
    private final Windows existing;

    DemoNetwork(Onboarding onboarding, RosterService roster, StaffPasswords passwords, Schools schools, WindowService windows,
                CodeService codes, CalibrationService calibrations, DemoRespondents respondents, Safeguarding safeguarding,
                UserDetailsService users, YouSaidWeDid youSaid, Goals goals, Windows existing, PlatformTransactionManager transactions) {
        this.existing = existing;
        this.youSaid = youSaid;
        this.goals = goals;
        this.transaction = new TransactionTemplate(transactions);
        this.safeguarding = safeguarding;
        this.users = users;
        this.onboarding = onboarding;
        this.roster = roster;
        this.passwords = passwords;
        this.schools = schools;
        this.windows = windows;
        this.codes = codes;
        this.calibrations = calibrations;
        this.respondents = respondents;
    }

    public record Login(String role, String school, String email) {
    }

    public record Loaded(long networkId, Map<String, List<String>> sampleCodes, Path codesFile) {
    }

    /** The demo's sign-ins to show at start: the network admin, each school's head and first teacher. */
    public List<Login> logins() {
        List<Login> logins = new ArrayList<>();
        schools.networkNamed(NETWORK).ifPresent(network -> {
            schools.networkAdmins(network).forEach(a -> logins.add(new Login("network admin", "all schools", a.email())));
            for (School school : schools.inNetwork(network)) {
                for (StaffMember s : schools.staff(school.id())) {
                    if ("S1".equals(s.ref())) {
                        logins.add(new Login("school admin (leader)", school.name(), s.email()));
                    } else if ("S3".equals(s.ref())) {
                        logins.add(new Login("teacher", school.name(), s.email()));
                    }
                }
            }
        });
        return logins;
    }

    public boolean present() {
        return schools.anyNetwork();
    }

    /**
     * Builds the demo in one transaction (a failure leaves nothing half made) and writes the open window's
     * codes to {@code dataDir}; then, as each school's people would after the summer's results, closes the loop.
     */
    public Loaded load(Path dataDir) throws IOException {
        Loaded loaded = transaction.execute(status -> {
            try {
                return build(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        transaction.executeWithoutResult(status -> closeTheLoop(loaded.networkId()));
        return loaded;
    }

    /**
     * After "Summer 2026", in each school: the head publishes what the school heard (two of its shown
     * results) and what it will do, and sets the school a goal that "Autumn 2026" will tell; the teacher
     * whose login the console prints replies to their classes and sets their own goal.
     */
    private void closeTheLoop(long networkId) {
        for (School school : schools.inNetwork(networkId)) {
            DemoSchool d = SCHOOLS.stream().filter(x -> x.name().equals(school.name())).findFirst().orElseThrow();
            StaffUser head = (StaffUser) users.loadUserByUsername("head@" + d.domain() + ".example");
            SurveyWindow summer = existing.forSchool(school.id()).stream().filter(w -> w.name().equals(LATER)).findFirst().orElseThrow();
            List<String> heard = youSaid.options(head, summer.id(), Locale.ENGLISH).stream().map(YouSaidWeDid.Heard::scale)
                    .filter(k -> k.equals("PUPIL_SCHOOL") || k.equals("PARENT_SCHOOL")).toList();
            youSaid.publish(head, summer.id(), heard, "Every class chooses one thing to change in how the school day starts, and "
                    + "tells the rest of the school in assembly what changed and whether it helped.", "October half term", Locale.ENGLISH);
            goals.createForSchool(head, school.id(), new Goals.NewGoal("PUPIL_SCHOOL", "belonging",
                    "Pupils plan and run the autumn fair with us: every class has a stall it designs itself.", LATER, OPEN));
            StaffMember teacher = schools.staff(school.id()).stream().filter(s -> "S3".equals(s.ref())).findFirst().orElseThrow();
            StaffUser user = (StaffUser) users.loadUserByUsername(teacher.email());
            youSaid.reply(user, summer.id(), "You told me lessons can feel rushed, so I will leave the last five minutes of every "
                    + "lesson for your questions, and answer the ones we run out of time for at the start of the next.");
            goals.createOwn(user, new Goals.NewGoal("PUPIL_TEACHER", "voice",
                    "Ask two pupils at the end of each lesson what they would change, and change one thing each fortnight.", LATER, OPEN));
        }
    }

    private Loaded build(Path dataDir) throws IOException {
        Onboarding.Started network = onboarding.createNetwork(NETWORK, new Onboarding.NewAccount("Jo Fielding", "trust@riverside.example"));
        passwords.set(network.admin(), PASSWORD);
        StringBuilder codesCsv = new StringBuilder("school,window,role,group,code\n");
        Map<String, List<String>> sample = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(2026);
        for (DemoSchool d : SCHOOLS) {
            School school = onboarding.addSchool(network.networkId(), d.name(),
                    new Onboarding.NewAccount(d.head(), "head@" + d.domain() + ".example")).school();
            roster.importRoster(school, RosterCsv.parse(resource(d.file() + ".roster.csv"), resource(d.file() + ".staff.csv")));
            for (StaffMember member : schools.staff(school.id())) {
                passwords.set(member, PASSWORD);
            }
            // the head names themself designated safeguarding lead and tells pupils whom to talk to, as a head would
            StaffUser head = (StaffUser) users.loadUserByUsername("head@" + d.domain() + ".example");
            safeguarding.saveSchool(head, school.id(), List.of(head.id()), "If something is worrying you, talk to your form tutor or to "
                    + d.head() + " in the pastoral office at any break. You can also call Childline free on 0800 1111, at any time.");
            respondents.window(school, REFERENCE, 0.0, random, true);
            respondents.window(school, LATER, d.summerRise(), random, true);
            SurveyWindow open = windows.open(windows.create(school, OPEN));
            for (RespondentRole role : RespondentRole.values()) {
                List<CodeService.Group> groups = codes.generate(open, role, null).groups();
                for (CodeService.Group group : groups) {
                    String name = group.classId() == null ? "staff" : className(group.classId());
                    for (CodeService.Slip slip : group.slips()) {
                        codesCsv.append(school.name()).append(',').append(OPEN).append(',').append(role.name().toLowerCase())
                                .append(',').append(name).append(',').append(slip.formatted()).append('\n');
                    }
                }
                if (d == SCHOOLS.get(0) && !groups.isEmpty()) {
                    // two codes of the first school's first group of each role, for the console
                    CodeService.Group first = groups.get(0);
                    String group = first.classId() == null ? "" : className(first.classId()) + ", ";
                    sample.put(school.name() + ", " + group + role.name().toLowerCase(),
                            first.slips().stream().limit(2).map(CodeService.Slip::formatted).toList());
                }
            }
        }
        calibrations.calibrate(network.networkId(), REFERENCE);
        Files.createDirectories(dataDir);
        Path codesFile = dataDir.resolve("demo-codes.csv");
        Files.writeString(codesFile, codesCsv.toString());
        return new Loaded(network.networkId(), sample, codesFile);
    }

    private String className(long classId) {
        return schools.findClass(classId).map(ClassGroup::name).orElseThrow();
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoNetwork.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the demo's " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
