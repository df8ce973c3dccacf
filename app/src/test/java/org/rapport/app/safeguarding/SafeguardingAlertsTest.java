package org.rapport.app.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.mail.Mailer;
import org.rapport.app.school.RosterService;
import org.rapport.app.school.School;
import org.rapport.app.school.StaffMember;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.HandClock;
import org.rapport.app.support.JsonApi;
import org.rapport.app.support.TestMail;
import org.rapport.app.web.PublicUrl;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Safeguarding cannot be missed: no window opens before the school has a lead (the head by default),
 * each new concern is mailed to the leads (a link, never the words) without touching the pupil's
 * submission, the admins' overview counts what waits, and a concern left unreviewed past the school's
 * time escalates to its admins, by one instance at a time. Time moves on a hand clock given to a second
 * instance of the alert job, as another server of the same database would run it.
 */
class SafeguardingAlertsTest extends ApiTest {
    static final String DISCLOSURE = "My stepdad keeps hitting me after school and I am scared to go home";
    static final long SEED = new Random().nextLong();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WindowService windowService;
    @Autowired
    Schools schools;
    @Autowired
    RosterService roster;
    @Autowired
    SafeguardingAlerts alerts;
    @Autowired
    SafeguardingRepository repository;
    @Autowired
    Safeguarding safeguarding;
    @Autowired
    MessageSource messages;
    @Autowired
    PublicUrl publicUrl;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    RapportProperties properties;
    @Autowired
    org.rapport.app.school.AccountLinks accountLinks;

    final Random random = new Random(SEED);
    final List<SafeguardingAlerts> instances = new ArrayList<>();
    Fixtures.SchoolSetup school;

    @BeforeEach
    void aSchool() {
        System.out.println("SafeguardingAlertsTest seed " + SEED);
        school = fixtures.school(fixtures.network(), 6, 6);
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(SafeguardingAlerts::stop);
    }

    /** Another instance of the alert job on the same database, with its own clock and mailer. */
    SafeguardingAlerts instance(Clock clock, Mailer mailer) {
        SafeguardingAlerts a = new SafeguardingAlerts(repository, safeguarding, schools, mailer, messages, publicUrl, transactions, clock);
        instances.add(a);
        return a;
    }

    /** The real SMTP server, counting what this instance sends. */
    class Counting extends Mailer {
        final AtomicInteger sent = new AtomicInteger();

        Counting() {
            super(properties);
        }

        @Override
        public void send(String to, String subject, String text) {
            sent.incrementAndGet();
            super.send(to, subject, text);
        }
    }

    HandClock hoursFromNow(int hours) {
        return new HandClock(Instant.now().plus(Duration.ofHours(hours)));
    }

    List<String> pupilCodes(SurveyWindow window) {
        return new ArrayList<>(fixtures.codes(window, RespondentRole.PUPIL, school.class1()));
    }

    void pupilWrites(String code, String aboutSchool) {
        fixtures.answerAround(code, 2, random, Map.of("PUPIL_SCHOOL", aboutSchool));
    }

    /** The messages for {@code address} once there are {@code n} (fails after ten seconds). */
    static List<MimeMessage> await(String address, int n) throws InterruptedException {
        List<MimeMessage> arrived = TestMail.await(address, n);
        assertThat(arrived).as("mail for " + address + ", no more than " + n).hasSize(n);
        return arrived;
    }

    static String body(MimeMessage m) {
        return com.icegreen.greenmail.util.GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    String page(String path, StaffUser as) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(path).with(user(as))).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    void nameLeads(StaffUser as, List<Long> leads) throws Exception {
        call("PUT", "/api/v1/schools/" + school.schoolId() + "/safeguarding", Map.of("leads", leads), as, 200);
    }

    /**
     * A school without a lead, reached as a user reaches it: set up on its own from the setup link, its head (the
     * network's admin, a leader on its staff and so its lead by default) given a staff id by a staff list, then a
     * staff list of teachers only, which the head uploads: they leave the school's staff (still the network's admin).
     * Nobody of the school is then anything but a teacher, so it has no admin of its own and no lead by default.
     */
    long schoolWithoutAnyLead(String tag) throws Exception {
        String head = "pat-" + tag + "@test.example";
        MockHttpServletResponse done = mvc.perform(post("/api/v1/setup").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("token", accountLinks.newSetupToken(), "school", "Elm Primary " + tag, "name", "Pat Elm",
                        "email", head, "password", Fixtures.PASSWORD)))).andReturn().getResponse();
        assertThat(done.getStatus()).as(done.getContentAsString()).isEqualTo(201);
        long network = json.readTree(done.getContentAsString()).get("networkId").asLong();
        School elm = schools.inNetwork(network).get(0);
        assertThat(safeguarding.leadsOf(elm.id())).as("the head is the lead of a school set up on its own").extracting(StaffMember::email)
                .containsExactly(head);
        String teachers = "staff_id,name,email,role\nT1,Mr Kim Osei,kim-" + tag + "@test.example,teacher\n";
        String classes = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n"
                + "5A,Year 5 A,5,6,T1,Mr Kim Osei,kim-" + tag + "@test.example,\n";
        org.rapport.app.support.Uploads uploads = new org.rapport.app.support.Uploads(json, port);
        org.rapport.app.support.Uploads.Answer listed = uploads.roster(head, elm.id(), classes, teachers + "H1,Pat Elm," + head + ",leader\n");
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        org.rapport.app.support.Uploads.Answer left = uploads.roster(head, elm.id(), classes, teachers);
        assertThat(left.status()).as(left.text()).isEqualTo(200);
        assertThat(schools.staff(elm.id())).extracting(StaffMember::email).containsExactly("kim-" + tag + "@test.example");
        return elm.id();
    }

    @Test
    void aWindowCannotOpenUntilTheSchoolHasALeadAndTheRefusalNamesTheFix() throws Exception {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        long elm = schoolWithoutAnyLead(tag);
        StaffUser networkAdmin = fixtures.networkAdmin(schools.find(elm).orElseThrow().networkId());
        long teacher = schools.staff(elm).get(0).id();
        String fix = "/staff/schools/" + elm + "/safeguarding";
        JsonNode state = call("GET", "/api/v1/schools/" + elm + "/safeguarding", null, networkAdmin, 200);
        assertThat(state.get("leads").size()).as("no admin of its own, none named").isZero();

        // the API: 409, a problem naming the fix with its address
        JsonNode created = call("POST", "/api/v1/schools/" + elm + "/windows", Map.of("name", "Autumn 2026"), networkAdmin, 201);
        long window = created.get("id").asLong();
        JsonApi.Answer refused = JsonApi.call(http, json, port, "POST", "/api/v1/windows/" + window + "/open", null, networkAdmin);
        JsonApi.assertProblem(refused, 409, "safeguarding", publicUrl.base() + fix);
        assertThat(refused.body().get("detail").asText()).contains("no designated safeguarding lead", "PUT /api/v1/schools/" + elm
                + "/safeguarding");
        assertThat(call("GET", "/api/v1/windows/" + window, null, networkAdmin, 200).get("status").asText()).as("still a draft").isEqualTo("DRAFT");

        // the page: no Open button, the reason and a link to the fix; a forged POST is refused the same way
        String windowPage = page("/staff/windows/" + window, networkAdmin);
        assertThat(windowPage).contains("This window cannot open yet", "href=\"" + fix + "\"", "Name the safeguarding lead")
                .doesNotContain("/open\"");
        MockHttpServletResponse posted = mvc.perform(post("/staff/windows/" + window + "/open").with(user(networkAdmin)).with(csrf()))
                .andReturn().getResponse();
        assertThat(posted.getStatus()).isEqualTo(409);
        assertThat(posted.getContentAsString(StandardCharsets.UTF_8)).contains("role=\"alert\"", "href=\"" + fix + "\"");
        assertThat(page("/staff", networkAdmin)).contains("No designated safeguarding lead: no window can open until one is named.");
        assertThat(call("GET", "/api/v1/windows/" + window, null, networkAdmin, 200).get("status").asText()).isEqualTo("DRAFT");

        // named: it opens
        call("PUT", "/api/v1/schools/" + elm + "/safeguarding", Map.of("leads", List.of(teacher)), networkAdmin, 200);
        assertThat(page("/staff/windows/" + window, networkAdmin)).doesNotContain("This window cannot open yet").contains("/open\"");
        assertThat(call("POST", "/api/v1/windows/" + window + "/open", null, networkAdmin, 200).get("status").asText()).isEqualTo("OPEN");
        // and the last lead cannot be taken away while it is open
        JsonApi.Answer emptied = JsonApi.call(http, json, port, "PUT", "/api/v1/schools/" + elm + "/safeguarding",
                Map.of("leads", List.of()), networkAdmin);
        JsonApi.assertProblem(emptied, 409, "leads", "name at least one designated safeguarding lead");
        assertThat(call("GET", "/api/v1/schools/" + elm + "/safeguarding", null, networkAdmin, 200).get("leads").toString())
                .isEqualTo("[" + teacher + "]");
    }

    @Test
    void theHeadIsTheLeadByDefaultShownAndChangeableOnlyToStaffOfTheSchool() throws Exception {
        StaffUser head = school.admin();
        JsonNode state = call("GET", "/api/v1/schools/" + school.schoolId() + "/safeguarding", null, head, 200);
        assertThat(state.get("leads").toString()).isEqualTo("[" + head.id() + "]");
        assertThat(state.get("leadByDefault").asBoolean()).isTrue();
        assertThat(state.get("escalateAfterHours").asInt()).isEqualTo(24);
        assertThat(page("/staff", head)).contains("Designated safeguarding lead: Dr Ruth Cole (the head, until you name someone)");
        assertThat(page("/staff/schools/" + school.schoolId() + "/safeguarding", head)).contains("the lead while nobody is ticked");
        assertThat(page("/staff/safeguarding", head)).as("the head reads concerns").contains("Comments that may need your attention");
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        assertThat(window.isOpen()).as("the default lead lets a window open").isTrue();

        // another school's teacher is refused, nothing changes
        Fixtures.SchoolSetup other = fixtures.school(school.networkId(), 5, 5);
        JsonApi.Answer foreign = JsonApi.call(http, json, port, "PUT", "/api/v1/schools/" + school.schoolId() + "/safeguarding",
                Map.of("leads", List.of(other.teacherA().id()), "escalateAfterHours", 6), head);
        JsonApi.assertProblem(foreign, 400, "leads", "staff member " + other.teacherA().id() + " is not on this school's staff");
        state = call("GET", "/api/v1/schools/" + school.schoolId() + "/safeguarding", null, head, 200);
        assertThat(state.get("leads").toString()).isEqualTo("[" + head.id() + "]");
        assertThat(state.get("escalateAfterHours").asInt()).as("nothing changed").isEqualTo(24);
        JsonApi.assertProblem(JsonApi.call(http, json, port, "PUT", "/api/v1/schools/" + school.schoolId() + "/safeguarding",
                Map.of("leads", List.of(), "escalateAfterHours", 169), head), 400, "escalateAfterHours", "1 to 168");

        // a teacher of the school is named: the head is no longer the lead and no longer reads concerns
        state = call("PUT", "/api/v1/schools/" + school.schoolId() + "/safeguarding",
                Map.of("leads", List.of(school.teacherA().id()), "escalateAfterHours", 6), head, 200);
        assertThat(state.get("leads").toString()).isEqualTo("[" + school.teacherA().id() + "]");
        assertThat(state.get("leadByDefault").asBoolean()).isFalse();
        assertThat(state.get("escalateAfterHours").asInt()).isEqualTo(6);
        assertThat(mvc.perform(get("/staff/safeguarding").with(user(head))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(page("/staff", head)).contains("Designated safeguarding lead: Ms Amara Okafor").doesNotContain("the head, until");
        // by the form too: no one ticked is the default again
        MockHttpServletResponse form = mvc.perform(post("/staff/schools/" + school.schoolId() + "/safeguarding").param("supportText", "")
                .param("escalateAfterHours", "six").with(user(head)).with(csrf())).andReturn().getResponse();
        assertThat(form.getStatus()).isEqualTo(400);
        assertThat(form.getContentAsString(StandardCharsets.UTF_8)).contains("Nothing was saved", "whole number of hours");
        assertThat(call("GET", "/api/v1/schools/" + school.schoolId() + "/safeguarding", null, head, 200).get("leads").toString())
                .isEqualTo("[" + school.teacherA().id() + "]");
        form = mvc.perform(post("/staff/schools/" + school.schoolId() + "/safeguarding").param("supportText", "").param("escalateAfterHours", "12")
                .with(user(head)).with(csrf())).andReturn().getResponse();
        assertThat(form.getStatus()).isEqualTo(200);
        state = call("GET", "/api/v1/schools/" + school.schoolId() + "/safeguarding", null, head, 200);
        assertThat(state.get("leads").toString()).isEqualTo("[" + head.id() + "]");
        assertThat(state.get("leadByDefault").asBoolean()).isTrue();
        assertThat(state.get("escalateAfterHours").asInt()).isEqualTo(12);
    }

    @Test
    void eachNewConcernMailsEveryLeadALinkAndNeverItsWords() throws Exception {
        nameLeads(school.admin(), List.of(school.teacherA().id(), school.teacherB().id()));
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> codes = pupilCodes(window);
        int adminBefore = TestMail.to(school.admin().email()).size();
        pupilWrites(codes.remove(0), DISCLOSURE);
        pupilWrites(codes.remove(0), "More clubs after school please");

        for (StaffUser lead : List.of(school.teacherA(), school.teacherB())) {
            MimeMessage m = await(lead.email(), 1).get(0);
            String text = subject(m) + "\n" + body(m);
            assertThat(text).contains(publicUrl.base() + "/staff/safeguarding", "Number of new comments: 1", "does not contain the comments");
            // nothing of the comment, what it matched, or who could have written it
            for (String word : List.of("stepdad", "hitting", "scared", "keep hitting", "hit me", "7A", "Year 7", "pupil ")) {
                assertThat(text).as(word).doesNotContainIgnoringCase(word);
            }
        }
        Thread.sleep(300);
        assertThat(TestMail.to(school.admin().email())).as("the head, not a lead, gets no concern mail").hasSize(adminBefore);
        assertThat(TestMail.to(school.teacherA().email())).as("one comment, one mail").hasSize(1);
        // in the table, only the hour it would escalate, in whole hours
        Instant escalateAt = jdbc.sql("select escalate_at from concern where school_id = ?").param(school.schoolId())
                .query(java.time.OffsetDateTime.class).single().toInstant();
        assertThat(escalateAt.getEpochSecond() % 3600).isZero();
        assertThat(escalateAt).isBetween(Instant.now().plus(Duration.ofHours(24)), Instant.now().plus(Duration.ofHours(25)));
    }

    @Test
    void theOverviewCountsWhatWaitsAndEscalatesAfterTheSetTimeByMailAndMark() throws Exception {
        nameLeads(school.admin(), List.of(school.teacherA().id()));
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> codes = pupilCodes(window);
        pupilWrites(codes.remove(0), DISCLOSURE);
        pupilWrites(codes.remove(0), "Someone keeps hitting me on the bus");
        pupilWrites(codes.remove(0), "I hit the books every lunchtime");
        await(school.teacherA().email(), 1);

        String overview = page("/staff", school.admin());
        assertThat(overview).contains("Comments that may disclose harm, not yet reviewed by a lead: 2").doesNotContain("Waited more than")
                .doesNotContain("stepdad");
        assertThat(page("/staff", school.teacherB())).as("a teacher sees no count").doesNotContain("not yet reviewed");
        // a lead reviews one
        long first = json.readTree(page("/api/v1/safeguarding/concerns", school.teacherA())).get(0).get("id").asLong();
        call("POST", "/api/v1/safeguarding/concerns/" + first + "/review", null, school.teacherA(), 200);
        assertThat(page("/staff", school.admin())).contains("not yet reviewed by a lead: 1");
        assertThat(jdbc.sql("select escalate_at is null from concern where id = ?").param(first).query(Boolean.class).single())
                .as("a reviewed concern keeps no time").isTrue();

        int before = TestMail.to(school.admin().email()).size();
        SafeguardingAlerts later = instance(hoursFromNow(23), new Counting());
        assertThat(later.run()).isTrue();
        Thread.sleep(200);
        assertThat(TestMail.to(school.admin().email())).as("23 hours: not yet").hasSize(before);
        assertThat(page("/staff", school.admin())).doesNotContain("Waited more than");

        SafeguardingAlerts dayLater = instance(hoursFromNow(25), new Counting());
        assertThat(dayLater.run()).isTrue();
        MimeMessage m = await(school.admin().email(), before + 1).get(before);
        String text = subject(m) + "\n" + body(m);
        assertThat(text).contains("have waited 24 hours", publicUrl.base() + "/staff/schools/" + school.schoolId() + "/safeguarding",
                "Number of comments: 1").doesNotContainIgnoringCase("hitting").doesNotContainIgnoringCase("bus");
        assertThat(page("/staff", school.admin())).contains("not yet reviewed by a lead: 1",
                "Waited more than 24 hours without review: 1. The school&#39;s administrators were alerted.");
        assertThat(jdbc.sql("select count(*) from concern where school_id = ? and escalate_at is not null").param(school.schoolId())
                .query(Integer.class).single()).as("escalated: its time goes").isZero();
        // mailed once: another run sends nothing more
        assertThat(instance(hoursFromNow(30), new Counting()).run()).isTrue();
        Thread.sleep(200);
        assertThat(TestMail.to(school.admin().email())).hasSize(before + 1);
    }

    @Test
    void aSchoolsOwnTimeEscalatesSooner() throws Exception {
        call("PUT", "/api/v1/schools/" + school.schoolId() + "/safeguarding", Map.of("leads", List.of(school.teacherA().id()),
                "escalateAfterHours", 2), school.admin(), 200);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        pupilWrites(pupilCodes(window).get(0), DISCLOSURE);
        assertThat(await(school.teacherA().email(), 1).get(0)).satisfies(m -> assertThat(body(m)).contains("within 2 hours"));
        int before = TestMail.to(school.admin().email()).size();
        instance(hoursFromNow(1), new Counting()).run();
        assertThat(page("/staff", school.admin())).doesNotContain("Waited more than");
        instance(hoursFromNow(3), new Counting()).run();
        assertThat(subject(await(school.admin().email(), before + 1).get(before))).contains("have waited 2 hours");
        assertThat(page("/staff", school.admin())).contains("Waited more than 2 hours without review: 1.");
    }

    @Test
    void withoutSmtpTheOverviewStillCountsAndMarksTheEscalationAndTheMailGoesOnceThereIsOne() throws Exception {
        nameLeads(school.admin(), List.of(school.teacherA().id()));
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        pupilWrites(pupilCodes(window).get(0), DISCLOSURE);
        await(school.teacherA().email(), 1);
        int before = TestMail.to(school.admin().email()).size();
        Mailer none = new Mailer(properties) {
            @Override
            public boolean configured() {
                return false;
            }

            @Override
            public void send(String to, String subject, String text) {
                throw new AssertionError("no SMTP server: nothing is sent");
            }
        };
        assertThat(instance(hoursFromNow(25), none).run()).isTrue();
        assertThat(page("/staff", school.admin())).contains("not yet reviewed by a lead: 1", "Waited more than 24 hours without review: 1.");
        assertThat(TestMail.to(school.admin().email())).hasSize(before);
        // an instance with SMTP sends what is owed
        assertThat(alerts.run()).isTrue();
        await(school.admin().email(), before + 1);
    }

    @Test
    void twoInstancesAtOnceDoNotBothSend() throws Exception {
        nameLeads(school.admin(), List.of(school.teacherA().id()));
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        pupilWrites(pupilCodes(window).get(0), DISCLOSURE);
        await(school.teacherA().email(), 1);
        int before = TestMail.to(school.admin().email()).size();

        // instance A stops in the middle of its first mail, holding the job
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Counting slow = new Counting() {
            @Override
            public void send(String to, String subject, String text) {
                sending.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.send(to, subject, text);
            }
        };
        SafeguardingAlerts a = instance(hoursFromNow(25), slow);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(a::run);
        assertThat(sending.await(20, TimeUnit.SECONDS)).as("A is sending").isTrue();
        // instance B, at the same time: skips the round, sends nothing
        Counting other = new Counting();
        assertThat(instance(hoursFromNow(25), other).run()).as("B skips while A runs").isFalse();
        assertThat(other.sent.get()).isZero();
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(await(school.admin().email(), before + 1)).hasSize(before + 1);
        // and B afterwards finds nothing owed for this school
        assertThat(instance(hoursFromNow(26), other).run()).isTrue();
        Thread.sleep(200);
        assertThat(TestMail.to(school.admin().email())).as("one escalation mail, not two").hasSize(before + 1);
    }

    @Test
    void aMailServerDownNeverFailsThePupilAndTheMailIsSentLater() throws Exception {
        nameLeads(school.admin(), List.of(school.teacherA().id()));
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = pupilCodes(window).get(0);
        TestMail.server().stop();
        try {
            JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", code), null, 200);
            Map<String, Integer> answers = new java.util.HashMap<>();
            session.get("blocks").forEach(b -> b.get("questions").forEach(q -> answers.put(q.get("key").asText(), 2)));
            long started = System.nanoTime();
            JsonNode ack = call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers,
                    "comments", Map.of("PUPIL_SCHOOL", DISCLOSURE)), null, 200);
            assertThat(ack.get("receipt").asText()).isNotBlank();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not held up by the mail").isLessThan(Duration.ofSeconds(5));
            assertThat(json.readTree(page("/api/v1/safeguarding/concerns", school.teacherA())).findValuesAsText("text")).containsExactly(DISCLOSURE);
            Thread.sleep(1500);
        } finally {
            TestMail.server().start();
        }
        assertThat(TestMail.to(school.teacherA().email())).isEmpty();
        assertThat(jdbc.sql("select leads_mailed from concern where school_id = ?").param(school.schoolId()).query(Boolean.class).single())
                .as("still owed").isFalse();
        alerts.run();
        MimeMessage m = await(school.teacherA().email(), 1).get(0);
        assertThat(body(m)).contains(publicUrl.base() + "/staff/safeguarding").doesNotContain("stepdad");
    }
}
