package org.rapport.app.school;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a OneRoster 1.1 or 1.2 CSV bundle (a zip of orgs.csv, classes.csv, users.csv and
 * enrollments.csv; roles.csv in 1.2), the open standard most school information systems export,
 * into a {@link Roster} of one school: its classes with their pupil counts, its teachers and
 * leaders, and who teaches which class. Pupils are counted, never stored. Every fault is collected
 * with its file, line and column; a roster is returned only if there are none.
 */
public final class OneRosterCsv {
    static final List<String> FILES = List.of("orgs.csv", "classes.csv", "users.csv", "enrollments.csv");
    private static final int MAX_BYTES = 50 * 1024 * 1024;
    private static final Set<String> STAFF_ROLES = Set.of("teacher", "administrator", "aide", "proctor");
    private final List<RosterError> errors = new ArrayList<>();
    private final Map<String, List<CSVRecord>> files = new HashMap<>();
    private final Map<String, Map<String, Integer>> columns = new HashMap<>();

    private OneRosterCsv() {
    }

    /** Where teams come from: the department orgs teachers belong to, the subject of their classes, or nowhere (kept as they are). */
    public enum Teams {
        DEPARTMENT, SUBJECT, KEEP;

        /** From a form or API parameter: department (the default), subject or keep; null for anything else. */
        public static Teams of(String value) {
            if (value == null || value.isBlank()) {
                return DEPARTMENT;
            }
            for (Teams t : values()) {
                if (t.name().equalsIgnoreCase(value.strip())) {
                    return t;
                }
            }
            return null;
        }
    }

    /** The roster of the bundle's school; {@code org} picks it by sourcedId when the bundle has several. */
    public static Roster parse(byte[] zip, String org) {
        return parse(zip, org, Teams.DEPARTMENT, null);
    }

    /**
     * The roster of the bundle's school, with its pupils grouped by the classes each is in ({@link Roster#patterns}),
     * teams taken from {@code teams}, and the names file ({@code names}, null if none) beside it.
     */
    public static Roster parse(byte[] zip, String org, Teams teams, byte[] names) {
        OneRosterCsv reader = new OneRosterCsv();
        List<Roster.Label> labels = null;
        if (names != null && names.length > 0) {
            labels = StaffNamesCsv.parse(names, reader.errors);
        }
        if (teams == null) {
            reader.errors.add(new RosterError("teams", 0, 0, "teams", "teams come from department, subject or keep (as they are)"));
            teams = Teams.KEEP;
        }
        Roster roster = reader.read(zip, org == null || org.isBlank() ? null : org.strip(), teams);
        if (!reader.errors.isEmpty()) {
            throw new RosterCsv.InvalidRosterException(reader.errors);
        }
        List<RosterError> warnings = new ArrayList<>(roster.warnings());
        if (labels != null) {
            java.util.Set<String> refs = new java.util.HashSet<>();
            roster.staff().forEach(s -> refs.add(s.ref()));
            List<String> unknown = labels.stream().map(Roster.Label::staffRef).filter(r -> !refs.contains(r)).toList();
            if (!unknown.isEmpty()) {
                warnings.add(new RosterError(StaffNamesCsv.FILE, 0, 0, "staff_id", "staff id" + (unknown.size() == 1 ? " " : "s ")
                        + String.join(", ", unknown.stream().limit(10).toList()) + (unknown.size() > 10 ? ", …" : "")
                        + " of the names file " + (unknown.size() == 1 ? "is" : "are") + " not staff of the bundle: kept for when they are"));
            }
        }
        return new Roster(roster.classes(), roster.staff(), roster.teaching(), true, roster.patterns(), List.copyOf(warnings), labels);
    }

    private Roster read(byte[] zip, String org, Teams teams) {
        unzip(zip);
        require("orgs.csv", "sourcedId", "name", "type");
        require("classes.csv", "sourcedId", "title", "schoolSourcedId");
        boolean v12 = files.containsKey("roles.csv");
        if (v12) {
            require("users.csv", "sourcedId", "givenName", "familyName", "email");
            require("roles.csv", "userSourcedId", "role", "orgSourcedId");
        } else {
            require("users.csv", "sourcedId", "givenName", "familyName", "email", "role");
        }
        require("enrollments.csv", "classSourcedId", "userSourcedId", "role");
        if (!errors.isEmpty()) {
            return null;
        }
        String school = school(org);
        if (school == null) {
            return null;
        }
        // classes of the school
        Timetable timetable = new Timetable();
        Map<String, String[]> classes = new LinkedHashMap<>();
        Map<String, Integer> classLine = new HashMap<>();
        for (CSVRecord r : active("classes.csv")) {
            if (school.equals(get("classes.csv", r, "schoolSourcedId"))) {
                String id = get("classes.csv", r, "sourcedId");
                String title = get("classes.csv", r, "title");
                if (id.isEmpty() || title.isEmpty()) {
                    error("classes.csv", r, id.isEmpty() ? "sourcedId" : "title", "a class needs a sourcedId and a title");
                    continue;
                }
                if (!shown("classes.csv", r, "title") | !shown("classes.csv", r, "grades") | !shown("classes.csv", r, "subjects")) {
                    continue;
                }
                if (classes.put(id, new String[] {title, first(get("classes.csv", r, "grades")), get("classes.csv", r, "subjects")}) != null) {
                    error("classes.csv", r, "sourcedId", "class " + id + " appears twice (first on line " + classLine.get(id) + ")");
                }
                classLine.putIfAbsent(id, line(r));
                timetable.addClass(new Timetable.ClassInfo(id, title, first(get("classes.csv", r, "grades")),
                        "homeroom".equalsIgnoreCase(get("classes.csv", r, "classType")), line(r)));
            }
        }
        if (classes.isEmpty()) {
            errors.add(new RosterError("classes.csv", 1, 0, null, "no class of school " + school + " in classes.csv"));
        }
        // roles: 1.1 in users.csv, 1.2 in roles.csv (per org)
        Map<String, String> roleOf = new HashMap<>();
        if (v12) {
            for (CSVRecord r : active("roles.csv")) {
                if (school.equals(get("roles.csv", r, "orgSourcedId"))) {
                    roleOf.merge(get("roles.csv", r, "userSourcedId"), get("roles.csv", r, "role").toLowerCase(Locale.ROOT),
                            (a, b) -> a.equals("administrator") ? a : b);
                }
            }
        }
        Map<String, CSVRecord> users = new HashMap<>();
        for (CSVRecord r : active("users.csv")) {
            users.put(get("users.csv", r, "sourcedId"), r);
            if (!v12) {
                roleOf.put(get("users.csv", r, "sourcedId"), get("users.csv", r, "role").toLowerCase(Locale.ROOT));
            }
        }
        // the school's pupils, read for their grade and line and forgotten: only counts leave the bundle
        for (Map.Entry<String, CSVRecord> u : users.entrySet()) {
            if ("student".equals(roleOf.get(u.getKey())) && (v12 || orgsOf(u.getValue()).contains(school))) {
                timetable.pupil(u.getKey(), first(get("users.csv", u.getValue(), "grades")), line(u.getValue()));
            }
        }
        // enrollments: pupils counted per class, teachers linked to it
        Map<String, Integer> pupils = new HashMap<>();
        Map<String, Roster.StaffRow> staff = new LinkedHashMap<>();
        Map<String, Roster.Teaching> teaching = new LinkedHashMap<>();
        Map<String, String> emailOwner = new HashMap<>();
        for (CSVRecord r : active("enrollments.csv")) {
            String classId = get("enrollments.csv", r, "classSourcedId");
            if (!classes.containsKey(classId)) {
                continue;
            }
            String userId = get("enrollments.csv", r, "userSourcedId");
            String role = get("enrollments.csv", r, "role").toLowerCase(Locale.ROOT);
            if (role.equals("student")) {
                pupils.merge(classId, 1, Integer::sum);
                timetable.enrol(userId, classId);
            } else if (role.equals("teacher")) {
                CSVRecord user = users.get(userId);
                if (user == null) {
                    error("enrollments.csv", r, "userSourcedId", "teacher " + userId + " is not in users.csv");
                    continue;
                }
                Roster.StaffRow row = staffRow(user, roleOf.get(userId), emailOwner);
                if (row != null) {
                    staff.putIfAbsent(row.ref(), row);
                    teaching.putIfAbsent(classId + "\u0000" + userId, new Roster.Teaching(classId, userId, blankToNull(classes.get(classId)[2])));
                    timetable.taught(classId);
                }
            } else if (!Set.of("aide", "guardian", "parent", "proctor", "administrator").contains(role)) {
                error("enrollments.csv", r, "role", "'" + role + "' is not a OneRoster enrolment role (student, teacher, aide, …)");
            }
        }
        // the school's administrators are its leaders, whether or not they teach
        for (Map.Entry<String, String> e : roleOf.entrySet()) {
            CSVRecord user = users.get(e.getKey());
            if (e.getValue().equals("administrator") && user != null && (v12 || orgsOf(user).contains(school))) {
                Roster.StaffRow row = staffRow(user, "administrator", emailOwner);
                if (row != null) {
                    staff.put(row.ref(), row);
                }
            }
        }
        List<Roster.ClassRow> classRows = new ArrayList<>();
        for (Map.Entry<String, String[]> c : classes.entrySet()) {
            int n = pupils.getOrDefault(c.getKey(), 0);
            if (n == 0) {
                errors.add(new RosterError("enrollments.csv", 1, 0, null, "class " + c.getKey() + " (" + c.getValue()[0]
                        + ") has no student enrolled: its size is unknown"));
            }
            classRows.add(new Roster.ClassRow(c.getKey(), c.getValue()[0], blankToNull(c.getValue()[1]), n, null));
        }
        timetable.noteUnenrolled();
        timetable.build();
        classRows.addAll(timetable.yearGroups());
        List<Roster.StaffRow> staffRows = Teams.KEEP == teams ? List.copyOf(staff.values())
                : withTeams(List.copyOf(staff.values()), teams, school, v12, users, teaching.values());
        return new Roster(classRows, staffRows, List.copyOf(teaching.values()), true, timetable.patterns(), timetable.warnings(), null);
    }

    /**
     * Each member of staff with the team the bundle says: the department org they belong to (1.1: orgSourcedIds;
     * 1.2: roles.csv), or the subject most of their classes have. A bundle that says nothing of the kind
     * (no department of the school, no subject) leaves every team as it was.
     */
    private List<Roster.StaffRow> withTeams(List<Roster.StaffRow> staff, Teams teams, String school, boolean v12, Map<String, CSVRecord> users,
                                           java.util.Collection<Roster.Teaching> teaching) {
        Map<String, String> teamOf = new HashMap<>();
        if (teams == Teams.DEPARTMENT) {
            Map<String, String> departments = new HashMap<>();
            for (CSVRecord r : active("orgs.csv")) {
                if (get("orgs.csv", r, "type").equalsIgnoreCase("department") && shown("orgs.csv", r, "name")) {
                    departments.put(get("orgs.csv", r, "sourcedId"), get("orgs.csv", r, "name"));
                }
            }
            if (departments.isEmpty()) {
                return staff;
            }
            for (Roster.StaffRow s : staff) {
                List<String> orgs = new ArrayList<>();
                if (v12) {
                    for (CSVRecord r : active("roles.csv")) {
                        if (s.ref().equals(get("roles.csv", r, "userSourcedId"))) {
                            orgs.add(get("roles.csv", r, "orgSourcedId"));
                        }
                    }
                } else if (users.containsKey(s.ref())) {
                    orgs.addAll(orgsOf(users.get(s.ref())));
                }
                orgs.stream().filter(departments::containsKey).map(departments::get).filter(n -> !n.isBlank()).sorted().findFirst()
                        .ifPresent(d -> teamOf.put(s.ref(), d));
            }
        } else {
            Map<String, Map<String, Integer>> subjects = new HashMap<>();
            for (Roster.Teaching t : teaching) {
                if (t.subject() != null) {
                    subjects.computeIfAbsent(t.staffRef(), x -> new java.util.TreeMap<>()).merge(first(t.subject()), 1, Integer::sum);
                }
            }
            if (subjects.isEmpty()) {
                return staff;
            }
            subjects.forEach((ref, counts) -> counts.entrySet().stream().filter(e -> !e.getKey().isBlank())
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                    .ifPresent(e -> teamOf.put(ref, e.getKey())));
        }
        List<Roster.StaffRow> out = new ArrayList<>();
        for (Roster.StaffRow s : staff) {
            String team = teamOf.get(s.ref());
            if (team != null && team.length() > 60) {
                team = team.substring(0, 60).strip();
            }
            out.add(new Roster.StaffRow(s.ref(), s.name(), s.email(), s.leader(), team, true, s.file(), s.line()));
        }
        return out;
    }

    /** The school the roster is for: the one school-type org, or the one named. */
    private String school(String org) {
        List<String> schools = new ArrayList<>();
        for (CSVRecord r : active("orgs.csv")) {
            if (get("orgs.csv", r, "type").equalsIgnoreCase("school")) {
                schools.add(get("orgs.csv", r, "sourcedId"));
            }
        }
        if (org != null) {
            if (!schools.contains(org)) {
                errors.add(new RosterError("orgs.csv", 1, 0, "org", "no school with sourcedId " + org + "; the schools are " + schools));
                return null;
            }
            return org;
        }
        if (schools.size() != 1) {
            errors.add(new RosterError("orgs.csv", 1, 0, "org", schools.isEmpty() ? "no org of type school in orgs.csv"
                    : "the bundle has " + schools.size() + " schools " + schools + ": name the one to import (org)"));
            return null;
        }
        return schools.get(0);
    }

    private Roster.StaffRow staffRow(CSVRecord user, String role, Map<String, String> emailOwner) {
        String id = get("users.csv", user, "sourcedId");
        String name = (get("users.csv", user, "givenName") + " " + get("users.csv", user, "familyName")).strip();
        String email = get("users.csv", user, "email");
        if (name.isEmpty()) {
            error("users.csv", user, "givenName", "staff member " + id + " has no name");
            return null;
        }
        if (!shown("users.csv", user, "givenName") | !shown("users.csv", user, "familyName")) {
            return null;
        }
        if (!RosterCsv.isEmail(email)) {
            error("users.csv", user, "email", RosterCsv.notAnEmail(email) + " (staff member " + id + ")");
            return null;
        }
        String owner = emailOwner.putIfAbsent(email.toLowerCase(Locale.ROOT), id);
        if (owner != null && !owner.equals(id)) {
            error("users.csv", user, "email", "e-mail " + email + " already belongs to user " + owner);
            return null;
        }
        if (role != null && !STAFF_ROLES.contains(role)) {
            error("users.csv", user, "role", "user " + id + " teaches a class but has the role '" + role + "'");
            return null;
        }
        return new Roster.StaffRow(id, name, email, "administrator".equals(role), null, false, "users.csv", line(user));
    }

    private List<String> orgsOf(CSVRecord user) {
        return columns.get("users.csv").containsKey("orgSourcedIds") ? List.of(get("users.csv", user, "orgSourcedIds").split("\\s*,\\s*"))
                : List.of();
    }

    private void unzip(byte[] zip) {
        int total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            boolean any = false;
            while ((e = in.getNextEntry()) != null) {
                any = true;
                String name = e.getName().substring(e.getName().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                if (e.isDirectory() || !name.endsWith(".csv")) {
                    continue;
                }
                byte[] bytes = in.readNBytes(MAX_BYTES - total + 1);
                total += bytes.length;
                if (total > MAX_BYTES) {
                    errors.add(new RosterError(name, 1, 0, null, "the bundle unpacks to more than 50 MB"));
                    return;
                }
                parse(name, bytes);
            }
            if (!any) {
                errors.add(new RosterError("bundle", 1, 0, null, "this is not a zip file of OneRoster CSV files"));
            }
        } catch (IOException e) {
            errors.add(new RosterError("bundle", 1, 0, null, "this is not a readable zip file: " + e.getMessage()));
        }
    }

    private void parse(String name, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            errors.add(new RosterError(name, 1, 0, null, "the file is not UTF-8 text"));
            return;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (!RosterCsv.controlFree(errors, name, text)) {
            return;
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true)
                .setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> header = new HashMap<>();
            List<String> names = parser.getHeaderNames();
            for (int c = 0; c < names.size(); c++) {
                header.put(names.get(c).strip(), c);
            }
            List<CSVRecord> records = parser.getRecords();
            for (CSVRecord r : records) {
                if (r.size() != names.size()) {
                    errors.add(new RosterError(name, line(r), 0, null, r.size() + " cells, but the header has " + names.size()));
                }
            }
            columns.put(name, header);
            files.put(name, records);
        } catch (IOException | RuntimeException e) {
            errors.add(new RosterError(name, 1, 0, null, "not a CSV file: " + e.getMessage()));
        }
    }

    private void require(String file, String... needed) {
        if (!files.containsKey(file)) {
            errors.add(new RosterError(file, 0, 0, null, "the bundle has no " + file));
            return;
        }
        for (String column : needed) {
            if (!columns.get(file).containsKey(column)) {
                errors.add(new RosterError(file, 1, 0, column, "the header has no column '" + column + "'"));
            }
        }
    }

    /** Rows not marked for deletion (1.1 bulk files mark none; delta files may say tobedeleted). */
    private List<CSVRecord> active(String file) {
        return files.get(file).stream().filter(r -> r.size() == columns.get(file).size())
                .filter(r -> !columns.get(file).containsKey("status") || !"tobedeleted".equalsIgnoreCase(get(file, r, "status"))).toList();
    }

    private String get(String file, CSVRecord r, String column) {
        Integer c = columns.get(file).get(column);
        return c == null || c >= r.size() ? "" : r.get(c).strip();
    }

    /** Whether a name the roster keeps (a class's title, a teacher's name, a department) can be shown as it is; else its fault is listed. */
    private boolean shown(String file, CSVRecord r, String column) {
        String hidden = RosterCsv.hidden(column, get(file, r, column));
        if (hidden != null) {
            error(file, r, column, hidden);
        }
        return hidden == null;
    }

    private void error(String file, CSVRecord r, String column, String message) {
        Integer c = columns.get(file).get(column);
        errors.add(new RosterError(file, line(r), c == null ? 0 : c + 1, column, message));
    }

    private static int line(CSVRecord r) {
        return (int) r.getRecordNumber() + 1;
    }

    private static String first(String grades) {
        return grades.isEmpty() ? "" : grades.split("\\s*,\\s*")[0];
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
