package org.rapport.app.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A secondary school's OneRoster 1.1 export as its information system makes it, generated from a seed: 206
 * pupils in years 7 to 11, each in a tutor group (a homeroom with its tutor) and in teaching sets (39 sets:
 * maths, English and science sets by year, humanities in years 7 to 9, history, geography and French options
 * in years 10 and 11, co-taught science in year 11 and a Latin set of four), the teachers in departments (orgs
 * of type department), and a head and a deputy as administrators. Tutors teach some of their own tutees. With it,
 * the names file a school would upload beside it (staff_id,name_for_pupils,team: "Ms Okafor").
 * <p>
 * Every pupil's classes are known here (the test's truth); the export itself is what Rapport reads.
 */
public final class SecondarySchool {
    public static final int PUPILS = 206;
    public static final String SCHOOL = "sch-01";

    /** A teacher: staff id, given and family name, title ("Ms"), department and e-mail. */
    public record Teacher(String id, String given, String family, String title, String department, String email) {
        public String pupilName() {
            return title + " " + family;
        }
    }

    /** A class of the export: id, title, year, subject (null for a homeroom), homeroom or not, its teachers' ids. */
    public record Klass(String id, String title, int year, String subject, boolean homeroom, List<String> teachers) {
    }

    /** A pupil: id, year, tutor group and every class (tutor group first). */
    public record Pupil(String id, int year, String tutorGroup, List<String> classes) {
    }

    public final long seed;
    public final String domain;
    public final List<Teacher> teachers = new ArrayList<>();
    public final List<Teacher> administrators = new ArrayList<>();
    public final Map<String, Klass> classes = new LinkedHashMap<>();
    public final List<Pupil> pupils = new ArrayList<>();
    private final Map<String, String> departments = new LinkedHashMap<>();
    private final Random random;

    private static final String[] FAMILY = {"Okafor", "Hughes", "Nowak", "Khan", "Garcia", "Patel", "Murphy", "Ahmed", "Kowalski", "Osei",
        "Brennan", "Ito", "Silva", "Novak", "Adeyemi", "Fischer", "Rossi", "Haddad", "Lindqvist", "Mensah", "Dubois", "Price", "Young", "Quinn"};
    private static final String[] GIVEN = {"Amara", "Ben", "Zofia", "Imran", "Lucia", "Priya", "Sean", "Yusuf", "Marek", "Ama", "Ciara", "Kenji",
        "Rafael", "Eva", "Tunde", "Greta", "Marco", "Layla", "Sven", "Kofi", "Claire", "Owen", "Nia", "Rory"};
    private static final String[] TITLES = {"Ms", "Mr", "Dr", "Mrs", "Mx"};

    private SecondarySchool(long seed, String domain) {
        this.seed = seed;
        this.domain = domain;
        this.random = new Random(seed);
    }

    /** The school of {@code seed}; every e-mail at {@code domain}. */
    public static SecondarySchool generate(long seed, String domain) {
        SecondarySchool s = new SecondarySchool(seed, domain);
        s.build();
        return s;
    }

    private int names;

    private Teacher newTeacher(String department) {
        int n = names++;
        String family = FAMILY[n % FAMILY.length] + (n >= FAMILY.length ? "-" + (n / FAMILY.length) : "");
        String given = GIVEN[(n * 7) % GIVEN.length];
        Teacher t = new Teacher(String.format("t-%02d", n + 1), given, family, TITLES[random.nextInt(TITLES.length)], department,
                given.toLowerCase() + "." + family.toLowerCase() + "@" + domain);
        teachers.add(t);
        return t;
    }

    private void build() {
        departments.put("dep-ma", "Mathematics");
        departments.put("dep-en", "English");
        departments.put("dep-sc", "Science");
        departments.put("dep-hu", "Humanities");
        departments.put("dep-la", "Languages");
        Map<String, List<Teacher>> staff = new LinkedHashMap<>();
        int[] per = {5, 5, 5, 4, 3};
        int d = 0;
        for (String dep : departments.keySet()) {
            List<Teacher> list = new ArrayList<>();
            for (int i = 0; i < per[d]; i++) {
                list.add(newTeacher(dep));
            }
            staff.put(dep, list);
            d++;
        }
        administrators.add(new Teacher("a-01", "Ruth", "Cole", "Dr", null, "ruth.cole@" + domain));
        administrators.add(new Teacher("a-02", "Sam", "Reid", "Mr", null, "sam.reid@" + domain));
        int[] sizes = {41, 41, 41, 41, 42};
        // tutors: any teacher but the one who teaches only Latin (a set of four: fewer pupils than any result is shown for)
        List<Teacher> languages = staff.get("dep-la");
        List<Teacher> tutors = new ArrayList<>(teachers);
        tutors.remove(languages.get(languages.size() - 1));
        Collections.shuffle(tutors, random);
        int tutor = 0;
        int pupilNo = 0;
        for (int y = 0; y < 5; y++) {
            int year = 7 + y;
            List<Pupil> cohort = new ArrayList<>();
            for (int i = 0; i < sizes[y]; i++) {
                String group = year + "T" + (i % 2 + 1);
                cohort.add(new Pupil(String.format("p-%03d", ++pupilNo), year, group, new ArrayList<>(List.of("hr-" + group))));
            }
            for (int g = 1; g <= 2; g++) {
                String id = "hr-" + year + "T" + g;
                classes.put(id, new Klass(id, "Tutor group " + year + "T" + g, year, null, true, List.of(tutors.get(tutor++).id())));
            }
            // sets by year: maths, English, science (one co-taught set in year 11), humanities or options
            sets(year, "Ma", "Mathematics", cohort, 2, staff.get("dep-ma"), 1);
            sets(year, "En", "English", cohort, 2, staff.get("dep-en"), 1);
            sets(year, "Sc", "Science", cohort, year == 11 ? 1 : 2, staff.get("dep-sc"), year == 11 ? 2 : 1);
            if (year <= 9) {
                sets(year, "Hu", "Humanities", cohort, 1, staff.get("dep-hu"), 1);
            } else {
                options(year, cohort, staff);
            }
            pupils.addAll(cohort);
        }
        // a tutor teaches some of their own tutees: make the first tutor group's tutor its maths teacher too
        Klass hr = classes.get("hr-7T1");
        Klass ma = classes.get("7Ma1");
        classes.put(ma.id(), new Klass(ma.id(), ma.title(), ma.year(), ma.subject(), false, List.of(hr.teachers().get(0))));
    }

    /** {@code count} sets of a subject for a year, pupils dealt at random, each set taught by {@code perSet} teachers of the department. */
    private void sets(int year, String code, String subject, List<Pupil> cohort, int count, List<Teacher> department, int perSet) {
        List<Pupil> order = new ArrayList<>(cohort);
        Collections.shuffle(order, random);
        for (int s = 0; s < count; s++) {
            String id = year + code + (s + 1);
            List<String> by = new ArrayList<>();
            for (int t = 0; t < perSet; t++) {
                by.add(department.get((year + s + t) % department.size()).id());
            }
            classes.put(id, new Klass(id, (count == 1 ? "Year " + year + " " : year + code + (s + 1) + " ") + subject, year, subject, false, by));
        }
        for (int i = 0; i < order.size(); i++) {
            order.get(i).classes().add(year + code + (i % count + 1));
        }
    }

    /** Years 10 and 11: two of history, geography and French each; in year 11 four pupils also take Latin. */
    private void options(int year, List<Pupil> cohort, Map<String, List<Teacher>> staff) {
        String[][] options = {{"Hi", "History", "dep-hu"}, {"Ge", "Geography", "dep-hu"}, {"Fr", "French", "dep-la"}};
        for (int o = 0; o < options.length; o++) {
            String id = year + options[o][0];
            List<Teacher> dep = staff.get(options[o][2]);
            classes.put(id, new Klass(id, "Year " + year + " " + options[o][1], year, options[o][1], false,
                    List.of(dep.get((year + o) % dep.size()).id())));
        }
        for (Pupil p : cohort) {
            int skip = random.nextInt(options.length);
            for (int o = 0; o < options.length; o++) {
                if (o != skip) {
                    p.classes().add(year + options[o][0]);
                }
            }
        }
        if (year == 11) {
            List<Teacher> languages = staff.get("dep-la");
            classes.put("11La", new Klass("11La", "Year 11 Latin", 11, "Latin", false, List.of(languages.get(languages.size() - 1).id())));
            List<Pupil> order = new ArrayList<>(cohort);
            Collections.shuffle(order, random);
            order.subList(0, 4).forEach(p -> p.classes().add("11La"));
        }
    }

    /** How many teaching sets (classes that are no homeroom). */
    public long teachingSets() {
        return classes.values().stream().filter(c -> !c.homeroom()).count();
    }

    /** Every pupil's seats in every class: what one code per class and pupil would have printed. */
    public int seats() {
        return pupils.stream().mapToInt(p -> p.classes().size()).sum();
    }

    /** The staff ids of the teachers of a pupil's classes. */
    public Set<String> teachersOf(Pupil p) {
        Set<String> out = new TreeSet<>();
        p.classes().forEach(c -> out.addAll(classes.get(c).teachers()));
        return out;
    }

    /** How many distinct pupils each teacher teaches, by staff id. */
    public Map<String, Integer> pupilsTaught() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (Pupil p : pupils) {
            teachersOf(p).forEach(t -> out.merge(t, 1, Integer::sum));
        }
        return out;
    }

    /** The pupils in a class. */
    public List<Pupil> pupilsIn(String classId) {
        return pupils.stream().filter(p -> p.classes().contains(classId)).toList();
    }

    public Teacher teacher(String id) {
        return teachers.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** The export's files, by name. */
    public Map<String, String> files() {
        Map<String, String> f = new LinkedHashMap<>();
        String stamp = "2026-09-01T08:00:00Z";
        StringBuilder orgs = new StringBuilder("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n");
        orgs.append("trust-01,active,").append(stamp).append(",Riverside Learning Trust,district,,\n");
        orgs.append(SCHOOL).append(",active,").append(stamp).append(",Riverside Academy,school,URN200001,trust-01\n");
        departments.forEach((id, name) -> orgs.append(id).append(",active,").append(stamp).append(',').append(name).append(",department,,")
                .append(SCHOOL).append('\n'));
        f.put("orgs.csv", orgs.toString());
        StringBuilder cls = new StringBuilder("sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n");
        for (Klass c : classes.values()) {
            cls.append(c.id()).append(",active,").append(stamp).append(',').append(c.title()).append(',').append(String.format("%02d", c.year()))
                    .append(",,").append(c.id()).append(',').append(c.homeroom() ? "homeroom" : "scheduled").append(",,").append(SCHOOL)
                    .append(",t-2026,").append(c.subject() == null ? "" : c.subject()).append(",,\n");
        }
        f.put("classes.csv", cls.toString());
        StringBuilder users = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
                + "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n");
        for (Teacher t : teachers) {
            users.append(t.id()).append(",active,").append(stamp).append(",true,\"").append(SCHOOL).append(',').append(t.department())
                    .append("\",teacher,").append(t.id()).append(",,").append(t.given()).append(',').append(t.family()).append(",,,")
                    .append(t.email()).append(",,,,,\n");
        }
        for (Teacher a : administrators) {
            users.append(a.id()).append(",active,").append(stamp).append(",true,").append(SCHOOL).append(",administrator,").append(a.id())
                    .append(",,").append(a.given()).append(',').append(a.family()).append(",,,").append(a.email()).append(",,,,,\n");
        }
        for (Pupil p : pupils) {
            users.append(p.id()).append(",active,").append(stamp).append(",true,").append(SCHOOL).append(",student,").append(p.id())
                    .append(",,Pupil,").append(p.id()).append(",,,,,,,").append(String.format("%02d", p.year())).append(",\n");
        }
        f.put("users.csv", users.toString());
        StringBuilder enrol = new StringBuilder("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
                + "beginDate,endDate\n");
        int e = 0;
        for (Pupil p : pupils) {
            for (String c : p.classes()) {
                enrol.append("e-").append(++e).append(",active,").append(stamp).append(',').append(c).append(',').append(SCHOOL).append(',')
                        .append(p.id()).append(",student,false,,\n");
            }
        }
        for (Klass c : classes.values()) {
            for (String t : c.teachers()) {
                enrol.append("e-").append(++e).append(",active,").append(stamp).append(',').append(c.id()).append(',').append(SCHOOL).append(',')
                        .append(t).append(",teacher,true,,\n");
            }
        }
        f.put("enrollments.csv", enrol.toString());
        return f;
    }

    /** The names file: each teacher's name as pupils see it ("Ms Okafor"); teams left to the export's departments. */
    public String namesCsv() {
        StringBuilder out = new StringBuilder("staff_id,name_for_pupils,team\n");
        teachers.forEach(t -> out.append(t.id()).append(',').append(t.pupilName()).append(",\n"));
        return out.toString();
    }

    /** The export as the zip the information system gives. */
    public byte[] bundle() {
        return zip(files());
    }

    public static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry("oneroster/" + f.getKey()));
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The department name of each department org, by id. */
    public Map<String, String> departments() {
        return Collections.unmodifiableMap(departments);
    }

    /** Each pupil's classes as a set, for matching. */
    public static Set<String> classSet(Pupil p) {
        return new LinkedHashSet<>(p.classes());
    }
}
