package org.rapport.app.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.Onboarding;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
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
 * The lone sender of a home group (docs/DATA-PROTECTION.md), as an outside test found it in December 2026: a home
 * group's count is shown from its first answer, so a head who shapes the roster (making themselves co-teacher of a big
 * tutor group and of one set, or making a set of exactly k pupils around one pupil) could tell from their own count of
 * pupils, a calibration's count of answer sets or a set's count which classes that one sender ticked. Two tutor groups of
 * eight, sets of Maths, English and Art; a first round answered by everyone and calibrated; in a second, k pupils of one
 * tutor group and one of the other send. Whatever the head can read then (their own pupils' feedback, every class's
 * count, the school's and the network's results, a calibration of the round) is the same whether the lone sender ticked
 * the set or not. Answers are drawn from a seed printed at the start.
 */
class LoneSenderOfAHomeGroupTest extends ApiTest {
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

    /** The head co-teaches TG2 and En1, two TG2 pupils are in En1 too; the lone TG1 sender ticks En1, or En2. */
    @Test
    void theHeadsOwnCountAndTheCalibrationSayNothingOfTheSetsOfAHomeGroupsOneSender() throws Exception {
        long seed = new java.security.SecureRandom().nextLong();
        System.out.println("LoneSenderOfAHomeGroupTest seed " + seed);
        Map<String, List<String>> extra = Map.of("p13", List.of("En1"), "p14", List.of("En1"));
        List<Send> tg2 = new ArrayList<>();
        for (String p : List.of("p09", "p10", "p11", "p12", "p13")) {
            tg2.add(new Send(p, List.of("Ma2", "En1")));
        }
        tg2.add(new Send("p15", List.of("Ma2", "En2")));
        Map<String, String> inSet = world(seed, List.of("En1"), extra, tg2, new Send("p01", List.of("Ma1", "En1")));
        Map<String, String> notInSet = world(seed, List.of("En1"), extra, tg2, new Send("p02", List.of("Ma1", "En2")));
        assertSame(inSet, notInSet);
    }

    /** The head co-teaches TG2 and Art1, a set of exactly five; the lone TG1 sender (its one TG1 pupil) ticks it, or not. */
    @Test
    void aSetOfExactlyKSaysNothingOfWhetherAHomeGroupsOneSenderIsInIt() throws Exception {
        long seed = new java.security.SecureRandom().nextLong();
        System.out.println("LoneSenderOfAHomeGroupTest seed " + seed);
        List<Send> tg2 = new ArrayList<>();
        for (String p : List.of("p09", "p10", "p11", "p12")) {
            tg2.add(new Send(p, List.of("Ma2", "En1", "Art1")));
        }
        tg2.add(new Send("p13", List.of("Ma2", "En2")));
        Map<String, String> inSet = world(seed, List.of("Art1"), Map.of(), tg2, new Send("p01", List.of("Ma1", "En1", "Art1")));
        Map<String, String> notInSet = world(seed, List.of("Art1"), Map.of(), tg2, new Send("p02", List.of("Ma1", "En1")));
        assertSame(inSet, notInSet);
        assertThat(inSet.get("rate Art1")).as("four counted (the lone sender's part withheld): fewer than k").contains("fewerThan=5");
    }

    static void assertSame(Map<String, String> a, Map<String, String> b) {
        assertThat(SeenTwice.differences(a, b)).as("what the head reads differs with the lone sender's classes").isEmpty();
    }

    record Send(String pupil, List<String> classes) {
    }

    /**
     * The school with the head co-teaching TG2 and {@code headsSets}, pupils' {@code extra} classes; everyone answers a first
     * round, calibrated; in a second {@code tutorGroup2} and {@code lone} send, and it is closed. What the head then reads.
     */
    Map<String, String> world(long seed, List<String> headsSets, Map<String, List<String>> extra, List<Send> tutorGroup2, Send lone)
            throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String headEmail = "head-" + tag + "@solo.example";
        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        Onboarding.NewSchool added = onboarding.addSchool(network, "Solo " + tag, new Onboarding.NewAccount("Ms Head", headEmail));
        long schoolId = added.school().id();
        passwords.set(added.admin(), Fixtures.PASSWORD);
        StaffUser head = fixtures.staffUser(headEmail);
        Map<String, List<String>> pupils = pupils(extra);
        MockHttpServletResponse imported = mvc.perform(multipart("/api/v1/schools/" + schoolId + "/roster/oneroster")
                .file(new MockMultipartFile("bundle", "export.zip", "application/zip", SecondarySchool.zip(bundle(tag, headEmail, headsSets, pupils))))
                .with(user(head))).andReturn().getResponse();
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(200);
        head = fixtures.staffUser(headEmail);
        long headId = schools.staff(schoolId).stream().filter(m -> headEmail.equals(m.email())).map(StaffMember::id).findFirst().orElseThrow();
        Map<String, Long> classId = new HashMap<>();
        Map<Long, String> className = new HashMap<>();
        schools.classes(schoolId).forEach(c -> {
            classId.put(c.ref().substring(2), c.id());
            className.put(c.id(), c.name());
        });
        SplittableRandom random = new SplittableRandom(seed);

        // a first round: everyone answers their own classes; calibrated
        long first = window(schoolId, "Autumn", head);
        Map<String, List<String>> slips = SeenTwice.slips(call("POST", "/api/v1/windows/" + first + "/codes", Map.of("role", "PUPIL"), head, 201));
        for (Map.Entry<String, List<String>> p : pupils.entrySet()) {
            send(slips.get(className.get(classId.get(p.getValue().get(0)))).remove(0), p.getValue().subList(1, p.getValue().size()), classId, random);
        }
        call("POST", "/api/v1/windows/" + first + "/close?confirm=true", null, head, 200);
        for (JsonNode s : call("POST", "/api/v1/calibration", Map.of("window", "Autumn"), networkAdmin, 201).get("scales")) {
            if (s.get("key").asText().startsWith("PUPIL_")) {
                assertThat(s.get("calibrated").asBoolean()).as("the first round calibrates " + s).isTrue();
            }
        }

        // the second: k pupils of TG2 send, and one of TG1
        long second = window(schoolId, "Spring", head);
        slips = SeenTwice.slips(call("POST", "/api/v1/windows/" + second + "/codes", Map.of("role", "PUPIL"), head, 201));
        for (Send s : tutorGroup2) {
            send(slips.get(className.get(classId.get("TG2"))).remove(0), s.classes(), classId, random);
        }
        send(slips.get(className.get(classId.get("TG1"))).remove(0), lone.classes(), classId, random);
        call("POST", "/api/v1/windows/" + second + "/close?confirm=true", null, head, 200);

        Map<String, String> seen = new TreeMap<>();
        // the head's own pupils' feedback (reading it settles the window)
        collect("own report", call("GET", "/api/v1/windows/" + second + "/teachers/" + headId + "/report", null, head, 200), seen);
        for (JsonNode r : call("GET", "/api/v1/windows/" + second + "/response-rates", null, head, 200)) {
            seen.put("rate " + r.path("group").asText(), "used=" + r.path("used").asInt() + " fewerThan=" + r.path("fewerThan").asInt()
                    + " later=" + r.path("later").asBoolean());
        }
        measures.wave(network, "Spring").orElseThrow().results().forEach((scale, groups) -> groups.forEach((key, r) -> {
            if (key.kind() != GroupKey.Kind.CLASS) {
                String group = key.kind() == GroupKey.Kind.TEACHER ? "teacher " + (key.id() == headId ? "head" : "other") : key.kind().name();
                seen.merge("result " + scale.key() + " " + group, r.outcome() + " " + (r.shown() ? r.respondents() : "-"),
                        (x, y) -> String.join("; ", new java.util.TreeSet<>(List.of((x + "; " + y).split("; ")))));
            }
        }));
        JsonNode calibration = call("POST", "/api/v1/calibration", Map.of("window", "Spring"), networkAdmin, 201);
        // each relationship's count of answer sets (whether so thin a round calibrates, and so what its parts count, depends on
        // the answers drawn)
        for (JsonNode s : calibration.get("scales")) {
            if (!s.get("facet").asBoolean()) {
                seen.put("calibration " + s.get("key").asText(), "rows=" + s.get("rows").asInt());
            }
        }
        return seen;
    }

    /** The counts of a report: every respondents, invited, shown and outcome field, by its path. */
    static void collect(String path, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> f = node.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> e = f.next();
                if (Set.of("respondents", "invited", "shown", "outcome", "n").contains(e.getKey()) && e.getValue().isValueNode()) {
                    into.put(path + "." + e.getKey(), e.getValue().asText());
                } else {
                    collect(path + "." + e.getKey(), e.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "[" + i + "]", node.get(i), into);
            }
        }
    }

    long window(long schoolId, String name, StaffUser head) throws Exception {
        long id = call("POST", "/api/v1/schools/" + schoolId + "/windows", Map.of("name", name), head, 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + id + "/open", null, head, 200);
        return id;
    }

    void send(String code, List<String> classes, Map<String, Long> classId, SplittableRandom random) throws Exception {
        TimetablePupil device = new TimetablePupil(http, json, port, code);
        JsonNode session = device.session();
        if (!classes.isEmpty()) {
            session = device.choose(classes.stream().map(classId::get).toList());
        }
        device.submit(ModelRespondent.answers(session, random.nextGaussian(), random.split()), Map.of());
    }


    /**
     * Sixteen pupils: TG1 (p01–p08) in Ma1, TG2 (p09–p16) in Ma2; half of each in En1, half in En2; p01 and p09–p12 in Art1.
     * And TG3, a tutor group of 80 in no set, who answer the first round only (enough answers to calibrate it).
     */
    static Map<String, List<String>> pupils(Map<String, List<String>> extra) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 17; i <= 96; i++) {
            out.put(String.format("p%02d", i), List.of("TG3"));
        }
        for (int i = 1; i <= 16; i++) {
            List<String> cs = new ArrayList<>(List.of(i <= 8 ? "TG1" : "TG2", i <= 8 ? "Ma1" : "Ma2", (i - 1) % 8 < 4 ? "En1" : "En2"));
            if (i == 1 || (i >= 9 && i <= 12)) {
                cs.add("Art1");
            }
            String id = String.format("p%02d", i);
            cs.addAll(extra.getOrDefault(id, List.of()));
            out.put(id, cs);
        }
        return out;
    }

    /** The OneRoster bundle: a teacher per class, the head an administrator who co-teaches TG2 and {@code headsSets}. */
    static Map<String, String> bundle(String tag, String headEmail, List<String> headsSets, Map<String, List<String>> pupils) {
        String t = "2026-09-01T08:00:00Z";
        Map<String, String> teacherOf = new LinkedHashMap<>();
        String[] classes = {"TG1", "TG2", "TG3", "Ma1", "Ma2", "En1", "En2", "Art1"};
        for (int i = 0; i < classes.length; i++) {
            teacherOf.put(classes[i], "t" + (i + 1));
        }
        StringBuilder orgs = new StringBuilder("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n")
                .append("s-01,active,").append(t).append(",Solo School,school,URN1,\n");
        StringBuilder cls = new StringBuilder("sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n");
        for (String c : classes) {
            boolean home = c.startsWith("TG");
            cls.append("c-").append(c).append(",active,").append(t).append(',').append(c).append(",09,,").append(c).append(',')
                    .append(home ? "homeroom" : "scheduled").append(",,s-01,t-2026,").append(home ? "" : c.replaceAll("[0-9]", "")).append(",,\n");
        }
        StringBuilder users = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
                + "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n");
        for (String teacher : teacherOf.values()) {
            users.append("u-").append(teacher).append(",active,").append(t).append(",true,s-01,teacher,").append(teacher).append(",,Teacher,")
                    .append(teacher.toUpperCase()).append(",,,").append(teacher).append('-').append(tag).append("@solo.example,,,,,\n");
        }
        users.append("u-head,active,").append(t).append(",true,s-01,administrator,head,,Ms,Head,,,").append(headEmail).append(",,,,,\n");
        pupils.keySet().forEach(p -> users.append("u-").append(p).append(",active,").append(t).append(",true,s-01,student,").append(p)
                .append(",,P,").append(p).append(",,,,,,,09,\n"));
        StringBuilder enrol = new StringBuilder("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
                + "beginDate,endDate\n");
        int[] n = {0};
        teacherOf.forEach((c, teacher) -> enrol.append("e").append(++n[0]).append(",active,").append(t).append(",c-").append(c)
                .append(",s-01,u-").append(teacher).append(",teacher,true,,\n"));
        List<String> heads = new ArrayList<>(List.of("TG2"));
        heads.addAll(headsSets);
        heads.forEach(c -> enrol.append("e").append(++n[0]).append(",active,").append(t).append(",c-").append(c)
                .append(",s-01,u-head,teacher,false,,\n"));
        pupils.forEach((p, cs) -> cs.forEach(c -> enrol.append("e").append(++n[0]).append(",active,").append(t).append(",c-").append(c)
                .append(",s-01,u-").append(p).append(",student,false,,\n")));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("orgs.csv", orgs.toString());
        files.put("classes.csv", cls.toString());
        files.put("users.csv", users.toString());
        files.put("enrollments.csv", enrol.toString());
        return files;
    }
}
