package org.rapport.app.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.Onboarding;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffPasswords;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.ModelRespondent;
import org.rapport.app.support.SecondarySchool;
import org.rapport.app.support.SeenTwice;
import org.rapport.app.support.TimetablePupil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A timetable pupil who sends alone (docs/DATA-PROTECTION.md): a head who is also the network admin gives one teaching
 * set three more co-teachers, lets one pupil of a tutor group send, closes and calibrates. Whatever a network admin can
 * then read (the calibration scale by scale with its counts, the school's and the network's results, the research
 * export) is the same whether the pupil who sent takes that set or not: the same school, built twice from one seed
 * printed at the start, once for a pupil in the set and once for a pupil of the same tutor group who is not.
 */
class TimetableSenderAloneTest extends ApiTest {
    @Autowired
    Onboarding onboarding;
    @Autowired
    Schools schools;
    @Autowired
    StaffPasswords passwords;
    @Autowired
    MockMvc mvc;
    @Autowired
    MeasureService measures;

    @Test
    void whatANetworkAdminSeesAfterOnePupilSentIsTheSameWhicheverSetsThePupilTakes() throws Exception {
        long seed = new java.security.SecureRandom().nextLong();
        System.out.println("TimetableSenderAloneTest seed " + seed);
        SecondarySchool school = SecondarySchool.generate(seed, "probe.example");
        // a set of one pupil's and a pupil of the same tutor group who is not in it
        SecondarySchool.Pupil inSet = null;
        SecondarySchool.Pupil notInSet = null;
        String set = null;
        for (SecondarySchool.Pupil p : school.pupils) {
            for (String c : p.classes().subList(1, p.classes().size())) {
                notInSet = school.pupils.stream().filter(q -> q.classes().get(0).equals(p.classes().get(0)) && !q.classes().contains(c))
                        .findFirst().orElse(null);
                if (notInSet != null) {
                    inSet = p;
                    set = c;
                    break;
                }
            }
            if (set != null) {
                break;
            }
        }
        assertThat(set).as("a set not every pupil of a tutor group takes").isNotNull();
        // three co-teachers for that set, who teach neither pupil otherwise
        Set<String> theirs = new java.util.HashSet<>(school.teachersOf(inSet));
        theirs.addAll(school.teachersOf(notInSet));
        List<String> coTeachers = school.teachers.stream().map(SecondarySchool.Teacher::id).filter(t -> !theirs.contains(t)).limit(3).toList();
        assertThat(coTeachers).hasSize(3);

        Map<String, String> seenIn = world(seed, school.pupils.indexOf(inSet), set, coTeachers);
        Map<String, String> seenOut = world(seed, school.pupils.indexOf(notInSet), set, coTeachers);
        Map<String, String> differ = SeenTwice.differences(seenIn, seenOut);
        assertThat(differ).as("what differs").isEmpty();
        assertThat(seenIn).as("what a network admin sees after " + inSet + " sent, against after " + notInSet + " sent")
                .containsOnlyKeys(seenOut.keySet()).isEqualTo(seenOut);
        assertThat(seenIn.get("calibration PUPIL_TEACHER")).as("no answer set of a class of fewer than k parts is read").contains("rows=0");
    }

    /** The school from {@code seed} with the co-teachers in {@code set}; a round that forty pupils answer; a round {@code sender} alone sends. */
    Map<String, String> world(long seed, int sender, String set, List<String> coTeachers) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        SecondarySchool sis = SecondarySchool.generate(seed, "riverside-" + tag + ".example");
        SecondarySchool.Klass k = sis.classes.get(set);
        List<String> teachers = new ArrayList<>(k.teachers());
        teachers.addAll(coTeachers);
        sis.classes.put(set, new SecondarySchool.Klass(k.id(), k.title(), k.year(), k.subject(), k.homeroom(), teachers));

        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        Onboarding.NewSchool added = onboarding.addSchool(network, "Riverside", new Onboarding.NewAccount("Ada IT", "it-" + tag + "@test.example"));
        passwords.set(added.admin(), Fixtures.PASSWORD);
        StaffUser admin = fixtures.staffUser(added.admin().email());
        long schoolId = added.school().id();
        MockHttpServletResponse imported = mvc.perform(multipart("/api/v1/schools/" + schoolId + "/roster/oneroster")
                .file(new MockMultipartFile("bundle", "export.zip", "application/zip", sis.bundle()))
                .file(new MockMultipartFile("names", "names.csv", "text/csv", sis.namesCsv().getBytes(StandardCharsets.UTF_8)))
                .with(user(admin))).andReturn().getResponse();
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(200);
        Map<String, Long> classId = new HashMap<>();
        Map<Long, String> className = new HashMap<>();
        schools.classes(schoolId).forEach(c -> {
            classId.put(c.ref(), c.id());
            className.put(c.id(), c.name());
        });
        Random random = new Random(seed);

        // a first round, answered by forty pupils (not the sender) and calibrated: the network has measures
        long autumn = call("POST", "/api/v1/schools/" + schoolId + "/windows", Map.of("name", "Autumn"), admin, 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + autumn + "/open", null, admin, 200);
        Map<String, List<String>> slips = SeenTwice.slips(call("POST", "/api/v1/windows/" + autumn + "/codes", Map.of("role", "PUPIL"), admin, 201));
        List<SecondarySchool.Pupil> first = sis.pupils.stream().filter(p -> sis.pupils.indexOf(p) != sender).skip(60).limit(40).toList();
        for (SecondarySchool.Pupil p : first) {
            send(slips.get(className.get(classId.get(p.classes().get(0)))).remove(0), p, classId, random);
        }
        call("POST", "/api/v1/windows/" + autumn + "/close?confirm=true", null, admin, 200);
        call("POST", "/api/v1/calibration", Map.of("window", "Autumn"), networkAdmin, 201);

        // the second round: one pupil sends, the head closes it, reads the results and calibrates on it
        long spring = call("POST", "/api/v1/schools/" + schoolId + "/windows", Map.of("name", "Spring"), admin, 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + spring + "/open", null, admin, 200);
        slips = SeenTwice.slips(call("POST", "/api/v1/windows/" + spring + "/codes", Map.of("role", "PUPIL"), admin, 201));
        SecondarySchool.Pupil p = sis.pupils.get(sender);
        send(slips.get(className.get(classId.get(p.classes().get(0)))).remove(0), p, classId, random);
        call("POST", "/api/v1/windows/" + spring + "/close?confirm=true", null, admin, 200);

        Map<String, String> seen = new TreeMap<>();
        call("GET", "/api/v1/windows/" + spring + "/report", null, admin, 200);
        WaveResults wave = measures.wave(network, "Spring").orElseThrow();
        wave.results().forEach((scale, groups) -> groups.forEach((key, r) -> {
            if (key.kind() == GroupKey.Kind.SCHOOL || key.kind() == GroupKey.Kind.NETWORK || key.kind() == GroupKey.Kind.TEAM) {
                String group = key.kind() == GroupKey.Kind.TEAM ? "team " + schools.teams(schoolId).values().stream().sorted().toList() : key.kind().name();
                seen.merge("result " + scale.key() + " " + group, r.outcome() + " " + (r.shown() ? r.respondents() : "-"), (x, y) -> x + "; " + y);
            }
        }));
        for (String relationship : List.of("PUPIL_TEACHER", "PUPIL_SCHOOL")) {
            MockHttpServletResponse export = mvc.perform(get("/api/v1/windows/" + spring + "/research/" + relationship + ".csv")
                    .with(user(networkAdmin))).andReturn().getResponse();
            seen.put("export " + relationship, export.getStatus() + " " + export.getContentAsString().lines().count());
        }
        JsonNode calibration = call("POST", "/api/v1/calibration", Map.of("window", "Spring"), networkAdmin, 201);
        for (JsonNode s : calibration.get("scales")) {
            seen.put("calibration " + s.get("key").asText(), "rows=" + s.get("rows").asInt() + " calibrated=" + s.get("calibrated").asBoolean()
                    + " " + s.get("status").asText());
        }
        return seen;
    }

    void send(String code, SecondarySchool.Pupil p, Map<String, Long> classId, Random random) throws Exception {
        TimetablePupil device = new TimetablePupil(http, json, port, code);
        device.session();
        JsonNode session = device.choose(p.classes().stream().skip(1).map(classId::get).toList());
        device.submit(ModelRespondent.answers(session, random.nextGaussian(), new SplittableRandom(random.nextLong())), Map.of());
    }

}
