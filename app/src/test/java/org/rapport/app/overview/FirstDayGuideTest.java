package org.rapport.app.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rapport.app.access.Codes;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.mail.Mailer;
import org.rapport.app.safeguarding.Safeguarding;
import org.rapport.app.school.AccountLinks;
import org.rapport.app.school.Onboarding;
import org.rapport.app.school.RosterCsv;
import org.rapport.app.school.RosterService;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.school.StaffPasswords;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.MovableClock;
import org.rapport.app.support.OwnClockTest;
import org.rapport.app.support.StatementCounter;
import org.rapport.app.web.PublicUrl;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The first-day guide on the overview, from an empty start through each step, as a school on its own
 * and as a network of many schools; done steps fold away and the guide goes once all are done. The
 * server's steps are read from its settings (this context has its public address and e-mail set).
 */
class FirstDayGuideTest extends OwnClockTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Onboarding onboarding;
    @Autowired
    StaffPasswords passwords;
    @Autowired
    UserDetailsService users;
    @Autowired
    RosterService roster;
    @Autowired
    AccountLinks links;
    @Autowired
    Safeguarding safeguarding;
    @Autowired
    WindowService windowService;
    @Autowired
    Windows windows;
    @Autowired
    Schools schools;
    @Autowired
    SchoolAccess access;
    @Autowired
    Codes codes;
    @Autowired
    Mailer mailer;
    @Autowired
    MessageSource messages;
    @Autowired
    MovableClock clock;
    @Autowired
    FirstDayGuide guide;

    static final Pattern TODO = Pattern.compile("(?s)<ol class=\"steps\">(.*?)</ol>");
    static final Pattern DONE = Pattern.compile("(?s)<ul class=\"steps done\">(.*?)</ul>");

    String page(String path, StaffUser as) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(path).with(user(as))).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8).replace("&#39;", "'");
    }

    static String part(Pattern p, String page) {
        Matcher m = p.matcher(page);
        return m.find() ? m.group(1) : "";
    }

    /** The ids of the steps in a list, in order. */
    static List<String> steps(String list) {
        return Pattern.compile("data-step=\"([a-zA-Z]+)\"").matcher(list).results().map(m -> m.group(1)).toList();
    }

    StaffUser signIn(String email) {
        return (StaffUser) users.loadUserByUsername(email);
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aSchoolOnItsOwnFromAnEmptyStartThroughEachStep() throws Exception {
        String tag = tag();
        // what the setup link makes: a network that is one school, its head its administrator
        Onboarding.Started started = onboarding.createNetwork("Oakfield " + tag, new Onboarding.NewAccount("Ann Head", "head-" + tag + "@test.example"));
        passwords.set(started.admin(), Fixtures.PASSWORD);
        StaffUser head = signIn("head-" + tag + "@test.example");
        String empty = page("/staff", head);
        assertThat(steps(part(TODO, empty))).containsExactly("school");
        assertThat(part(TODO, empty)).contains("Add your first school", "href=\"/staff/schools/new\"");
        assertThat(steps(part(DONE, empty))).containsExactly("publicUrl", "smtp");
        assertThat(part(DONE, empty)).contains("links and QR codes start with " + PUBLIC_URL);
        assertThat(empty).contains("Getting started", "Steps done: 2");

        // the head is a leader on the school's staff now: their account changed, so they sign in again
        School school = onboarding.addSchoolOnItsOwn(started.networkId(), "Oakfield School " + tag, started.admin());
        head = signIn("head-" + tag + "@test.example");
        String fresh = page("/staff", head);
        assertThat(steps(part(TODO, fresh))).as("the head, on the staff, is the safeguarding lead by default")
                .containsExactly("roster", "invitations", "window", "codes");
        assertThat(part(DONE, fresh)).contains("Safeguarding lead: Ann Head, by default as the school's first administrator");
        assertThat(part(TODO, fresh)).contains("Upload the roster", "href=\"/staff/schools/" + school.id() + "/roster\"",
                "once the roster is in",
                "Create a survey window", "href=\"/staff/schools/" + school.id() + "#new-window-" + school.id() + "\"",
                "Produce the codes, once a window exists");

        // the roster: two classes, a leader and two teachers, none with a password yet
        String staffFile = "staff_id,name,email,role\nL1,Mo Deputy,dep-" + tag + "@test.example,leader\n"
                + "A,Ms Amara Okafor,a-" + tag + "@test.example,teacher\nB,Mr Ben Hughes,b-" + tag + "@test.example,teacher\n";
        String rosterFile = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n"
                + "7A,Year 7 A,7,6,A,Ms Amara Okafor,a-" + tag + "@test.example,English\n"
                + "7B,Year 7 B,7,5,B,Mr Ben Hughes,b-" + tag + "@test.example,Maths\n";
        roster.importRoster(school, RosterCsv.parse(rosterFile.getBytes(StandardCharsets.UTF_8), staffFile.getBytes(StandardCharsets.UTF_8)));
        String rostered = page("/staff", head);
        assertThat(steps(part(TODO, rostered))).as("the school's first administrator leads by default, as the window's gate counts it")
                .containsExactly("invitations", "window", "codes");
        assertThat(part(DONE, rostered)).contains("Safeguarding lead: Ann Head, by default as the school's first administrator");
        assertThat(part(TODO, rostered)).contains("Staff without a password: 3, of whom not invited yet: 3",
                "href=\"/staff/schools/" + school.id() + "/roster#invite-heading\"");
        assertThat(part(DONE, rostered)).as("the head is on the staff too").contains("Roster uploaded (classes: 2, staff: 4)");

        // invitations: sent, then one chooses a password; one that has expired counts as not sent
        links.inviteAllWithoutAccount(head, school.id());
        StaffMember amara = schools.staff(school.id()).stream().filter(m -> "A".equals(m.ref())).findFirst().orElseThrow();
        passwords.set(amara, Fixtures.PASSWORD);
        String invited = page("/staff", head);
        assertThat(steps(part(TODO, invited))).containsExactly("window", "codes");
        assertThat(part(DONE, invited)).contains("Invitations sent: 2 people still to choose their password");
        StaffUser teacher = signIn("a-" + tag + "@test.example");
        assertThat(page("/staff", teacher)).as("teachers have no steps to take").doesNotContain("Getting started");
        try {
            clock.move(Duration.ofDays(8));
            assertThat(part(TODO, page("/staff", head))).contains("Staff without a password: 2, of whom not invited yet: 2");
        } finally {
            clock.move(Duration.ofDays(-8));
        }

        StaffMember deputy = schools.staff(school.id()).stream().filter(m -> "L1".equals(m.ref())).findFirst().orElseThrow();
        StaffMember ben = schools.staff(school.id()).stream().filter(m -> "B".equals(m.ref())).findFirst().orElseThrow();
        safeguarding.setLeads(head, school.id(), List.of(deputy.id(), ben.id()));
        String named = page("/staff", head);
        assertThat(steps(part(TODO, named))).containsExactly("window", "codes");
        assertThat(part(DONE, named)).contains("Safeguarding leads: ").contains("Mo Deputy").contains("Mr Ben Hughes");

        SurveyWindow window = windowService.create(school, "Autumn 2026");
        String draft = page("/staff", head);
        assertThat(part(TODO, draft)).contains("Autumn 2026 is not open yet", "href=\"/staff/windows/" + window.id() + "\"",
                "Produce the codes of Autumn 2026");
        windowService.open(window);
        String open = page("/staff", head);
        assertThat(steps(part(TODO, open))).containsExactly("codes");
        assertThat(part(DONE, open)).contains("Autumn 2026 is open.");

        fixtures.codes(windows.get(window.id()), RespondentRole.PUPIL, schools.classes(school.id()).get(0).id());
        String ready = page("/staff", head);
        assertThat(ready).as("every step done: the guide is gone").doesNotContain("Getting started", "data-step=");
        // a later window does not bring it back: it was the first day's
        windowService.close(windows.get(window.id()));
        windowService.create(school, "Spring 2027");
        assertThat(page("/staff", head)).doesNotContain("Getting started");
    }

    @Test
    void theServerStepsSayWhatIsMissingAndWhoSetsIt() {
        long network = fixtures.network();
        StaffUser admin = fixtures.networkAdmin(network);
        FirstDayGuide unset = new FirstDayGuide(schools, access, windows, codes, safeguarding, new PublicUrl(""), mailer, messages,
                Clock.systemUTC());
        FirstDayGuide.Guide g = unset.of(admin, null, Locale.ENGLISH);
        assertThat(g.todo()).extracting(FirstDayGuide.Step::id).containsExactly("publicUrl", "school");
        assertThat(g.todo().get(0).text()).contains("RAPPORT_PUBLIC_URL", "by whoever runs Rapport", "http://localhost:8080");
        assertThat(g.doneSteps()).extracting(FirstDayGuide.Step::id).containsExactly("smtp");
    }

    @Test
    void aNetworkAdminSeesEverySchoolInOneLineAndTheGuideCostsTheSameForAnyNumberOfSchools() throws Exception {
        long network = fixtures.network();
        StaffUser admin = fixtures.networkAdmin(network);
        String tag = tag();
        for (int k = 1; k <= 2; k++) {
            onboarding.addSchool(network, "School " + k + " " + tag, new Onboarding.NewAccount("Head " + k, "h" + k + "-" + tag + "@test.example"));
        }
        StatementCounter.reset();
        guide.of(admin, null, Locale.ENGLISH);
        int forTwo = StatementCounter.count();
        for (int k = 3; k <= 12; k++) {
            onboarding.addSchool(network, "School " + k + " " + tag, new Onboarding.NewAccount("Head " + k, "h" + k + "-" + tag + "@test.example"));
        }
        StatementCounter.reset();
        guide.of(admin, null, Locale.ENGLISH);
        assertThat(StatementCounter.count()).as("statements for 12 schools against 2").isEqualTo(forTwo);

        String page = page("/staff", admin);
        assertThat(page).contains("Schools with steps left: 12 of 12", "More schools with steps left: 2");
        assertThat(Pattern.compile("data-school=").matcher(page).results().count()).isEqualTo(12);
        assertThat(page).contains("1 of 5 steps done", "Next:");
        long first = schools.inNetwork(network).get(0).id();
        assertThat(page).contains("href=\"/staff/schools/" + first + "/roster\">Upload the roster</a>");

        // one school does everything: it leaves the list and is counted
        Fixtures.SchoolSetup done = fixtures.school(network, 5, 5);
        safeguarding.setLeads(admin, done.schoolId(), List.of(done.teacherA().id()));
        SurveyWindow window = fixtures.openWindow(done.schoolId());
        fixtures.codes(window, RespondentRole.PUPIL, done.class1());
        String after = page("/staff", admin);
        assertThat(after).contains("Schools with steps left: 12 of 13", "Schools that have done every step: 1.")
                .doesNotContain("data-school=\"" + done.schoolId() + "\"");

        // one school's page shows that school's steps; its own admin sees only theirs
        String one = page("/staff/schools/" + first, admin);
        assertThat(steps(part(TODO, one))).containsExactly("roster", "invitations", "window", "codes");
        assertThat(one).doesNotContain("data-school=");
        String doneSchool = page("/staff/schools/" + done.schoolId(), admin);
        assertThat(doneSchool).doesNotContain("Getting started");
        StaffMember head3 = schools.staff(schools.inNetwork(network).get(2).id()).get(0);
        passwords.set(head3, Fixtures.PASSWORD);
        String own = page("/staff", signIn(head3.email()));
        assertThat(steps(part(TODO, own))).containsExactly("roster", "invitations", "window", "codes");
        assertThat(own).doesNotContain("data-school=");
        assertThat(mvc.perform(get("/staff/schools/" + first).with(user(signIn(head3.email())))).andReturn().getResponse().getStatus())
                .as("another school's steps are not theirs to see").isEqualTo(403);
    }
}
