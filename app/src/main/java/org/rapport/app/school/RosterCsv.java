package org.rapport.app.school;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.rapport.app.web.ControlCharacters;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.TypedText;

/**
 * Parses and validates the roster files described in docs/ROSTER.md: every fault is collected with
 * its line and column, and a roster is returned only if there are none (all or nothing).
 */
public final class RosterCsv {
    static final List<String> ROSTER_COLUMNS = List.of("class", "class_name", "year", "pupils", "teacher_id",
            "teacher_name", "teacher_email", "subject", "family_languages");
    static final List<String> STAFF_COLUMNS = List.of("staff_id", "name", "email", "role", "team");
    private static final List<String> ROSTER_REQUIRED = List.of("class", "pupils", "teacher_id", "teacher_name", "teacher_email");
    private static final List<String> STAFF_REQUIRED = List.of("staff_id", "name", "email", "role");
    /**
     * Plain ASCII only: a look-alike letter (dotless ı, long ſ, Cyrillic а) would pass a case-blind
     * comparison with the real address and yet be another mailbox. A domain with accents is written in
     * its xn-- form.
     */
    private static final Pattern EMAIL = Pattern.compile("^[!-~&&[^@,;]]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");
    private static final Pattern FAMILY_LANGUAGE = Pattern.compile("([a-z]{2,3}):(\\d{1,4})");
    private static final Pattern REF = Pattern.compile("^[\\p{L}\\p{N} ._/-]{1,40}$");
    private static final int MAX_ROWS = 5000;
    private static final int MAX_TEXT = 120;
    private static final int MAX_TEAM = 60;

    /** Thrown with every fault found, each with its file, line and column; nothing has been imported. */
    public static final class InvalidRosterException extends InvalidInputException {
        private final List<RosterError> rosterErrors;

        public InvalidRosterException(List<RosterError> errors) {
            super(400, errors.stream().map(e -> new FieldError(e.field() == null ? e.file() : e.field(), e.message())).toList(),
                    errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + " in the roster; nothing was imported");
            this.rosterErrors = List.copyOf(errors);
        }

        public List<RosterError> rosterErrors() {
            return rosterErrors;
        }

        @Override
        public String title() {
            return "Invalid roster";
        }

        @Override
        public List<Map<String, Object>> problems() {
            return rosterErrors.stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", r.file());
                m.put("line", r.line());
                m.put("column", r.column());
                m.put("field", r.field() == null ? r.file() : r.field());
                m.put("message", r.message());
                return m;
            }).toList();
        }

        @Override
        public String pageMessage() {
            return getMessage() + ": " + rosterErrors.get(0);
        }
    }

    /** The fault of a value that is not an e-mail address, saying why where it has letters beyond plain ASCII. */
    static String notAnEmail(String value) {
        boolean ascii = value.chars().allMatch(c -> c < 128);
        return "'" + value + "' is not an e-mail address" + (ascii ? ""
                : ": addresses are written in plain ASCII letters, a domain with accents in its xn-- form");
    }

    /** Whether {@code value} is written as the roster's ids are (class, teacher_id, staff_id). */
    static boolean validRef(String value) {
        return REF.matcher(value).matches();
    }

    /** Whether {@code value} looks like an e-mail address (the rule of the roster's e-mail columns). */
    public static boolean isEmail(String value) {
        return value != null && EMAIL.matcher(value).matches();
    }

    private final List<RosterError> errors = new ArrayList<>();
    private final Map<String, Roster.ClassRow> classes = new LinkedHashMap<>();
    private final Map<String, Roster.StaffRow> staff = new LinkedHashMap<>();
    private final Map<String, Integer> staffLine = new LinkedHashMap<>();
    private final Map<String, String> emailOwner = new LinkedHashMap<>();
    private final Map<String, Roster.Teaching> teaching = new LinkedHashMap<>();

    private RosterCsv() {
    }

    /** Parses the roster file and the optional staff file (null if none). */
    public static Roster parse(byte[] rosterFile, byte[] staffFile) {
        RosterCsv csv = new RosterCsv();
        if (staffFile != null && staffFile.length > 0) {
            csv.readStaff(staffFile);
        }
        csv.readRoster(rosterFile);
        if (!csv.errors.isEmpty()) {
            throw new InvalidRosterException(csv.errors);
        }
        return new Roster(List.copyOf(csv.classes.values()), List.copyOf(csv.staff.values()), List.copyOf(csv.teaching.values()),
                staffFile != null && staffFile.length > 0);
    }

    private void readRoster(byte[] bytes) {
        String file = "roster";
        List<CSVRecord> records = records(file, bytes, ROSTER_COLUMNS, ROSTER_REQUIRED);
        if (records == null) {
            return;
        }
        if (records.isEmpty()) {
            errors.add(new RosterError(file, 2, 0, null, "no classes after the header"));
        }
        for (CSVRecord r : records) {
            int line = (int) r.getRecordNumber() + 1;
            if (!consistentWidth(file, r, line)) {
                continue;
            }
            String classRef = ref(file, r, line, "class");
            String className = text(file, r, line, "class_name", false);
            String year = text(file, r, line, "year", false);
            Integer pupils = pupils(file, r, line);
            String teacherRef = ref(file, r, line, "teacher_id");
            String teacherName = text(file, r, line, "teacher_name", true);
            String email = email(file, r, line, "teacher_email");
            String subject = text(file, r, line, "subject", false);
            if (classRef == null || pupils == null) {
                continue;
            }
            String familyLanguages = familyLanguages(file, r, line, pupils);
            Roster.ClassRow row = new Roster.ClassRow(classRef, className == null || className.isEmpty() ? classRef : className,
                    year == null || year.isEmpty() ? null : year, pupils, familyLanguages);
            Roster.ClassRow earlier = classes.putIfAbsent(classRef, row);
            if (earlier != null && !earlier.equals(row)) {
                errors.add(new RosterError(file, line, column(r, "pupils"), "pupils",
                        "class " + classRef + " is described differently on an earlier line (name, year, pupils and family_languages must match)"));
            }
            if (teacherRef == null || teacherName == null || email == null) {
                continue;
            }
            addStaff(file, line, column(r, "teacher_email"), new Roster.StaffRow(teacherRef, teacherName, email, false, null, false, file, line), true);
            String key = classRef + "\u0000" + teacherRef;
            if (teaching.putIfAbsent(key, new Roster.Teaching(classRef, teacherRef, subject == null || subject.isEmpty() ? null : subject)) != null) {
                errors.add(new RosterError(file, line, column(r, "teacher_id"), "teacher_id",
                        "teacher " + teacherRef + " is already listed for class " + classRef));
            }
        }
    }

    /**
     * The optional family_languages column: each language code with its number of families, like
     * "pl:3 ar:2", together no more than the pupils; returned in that form, or null when empty.
     */
    private String familyLanguages(String file, CSVRecord r, int line, int pupils) {
        if (!r.isMapped("family_languages") || !r.isSet("family_languages") || r.get("family_languages").isBlank()) {
            return null;
        }
        String value = r.get("family_languages").strip();
        List<String> parts = new ArrayList<>();
        int families = 0;
        for (String part : value.split("[\\s;,]+")) {
            java.util.regex.Matcher m = FAMILY_LANGUAGE.matcher(part);
            if (!m.matches() || Integer.parseInt(m.group(2)) == 0) {
                errors.add(new RosterError(file, line, column(r, "family_languages"), "family_languages",
                        "write each language code (ISO 639, such as pl or ar) with its number of families, like pl:3 ar:2"));
                return null;
            }
            families += Integer.parseInt(m.group(2));
            parts.add(m.group(1) + ":" + Integer.parseInt(m.group(2)));
        }
        if (families > pupils) {
            errors.add(new RosterError(file, line, column(r, "family_languages"), "family_languages",
                    families + " families are more than the class's " + pupils + " pupils"));
            return null;
        }
        return String.join(" ", parts);
    }

    private void readStaff(byte[] bytes) {
        String file = "staff";
        List<CSVRecord> records = records(file, bytes, STAFF_COLUMNS, STAFF_REQUIRED);
        if (records == null) {
            return;
        }
        for (CSVRecord r : records) {
            int line = (int) r.getRecordNumber() + 1;
            if (!consistentWidth(file, r, line)) {
                continue;
            }
            String ref = ref(file, r, line, "staff_id");
            String name = text(file, r, line, "name", true);
            String email = email(file, r, line, "email");
            String role = text(file, r, line, "role", true);
            String team = text(file, r, line, "team", false);
            if (team != null && team.length() > MAX_TEAM) {
                errors.add(new RosterError(file, line, column(r, "team"), "team", "team is longer than " + MAX_TEAM + " characters"));
            }
            Boolean leader = null;
            if (role != null) {
                switch (role.toLowerCase(Locale.ROOT)) {
                    case "teacher" -> leader = false;
                    case "leader" -> leader = true;
                    default -> errors.add(new RosterError(file, line, column(r, "role"), "role",
                            "'" + role + "' is not a role: use teacher or leader"));
                }
            }
            if (ref != null && name != null && email != null && leader != null) {
                if (staff.containsKey(ref)) {
                    errors.add(new RosterError(file, line, column(r, "staff_id"), "staff_id",
                            "staff id " + ref + " appears twice (first on line " + staffLine.get(ref) + ")"));
                } else {
                    addStaff(file, line, column(r, "email"), new Roster.StaffRow(ref, name, email, leader,
                            team == null || team.isEmpty() ? null : team, column(r, "team") > 0, file, line), false);
                }
            }
        }
    }

    private void addStaff(String file, int line, int emailColumn, Roster.StaffRow row, boolean fromRoster) {
        Roster.StaffRow earlier = staff.get(row.ref());
        if (earlier == null) {
            String owner = emailOwner.putIfAbsent(row.email().toLowerCase(Locale.ROOT), row.ref());
            if (owner != null && !owner.equals(row.ref())) {
                errors.add(new RosterError(file, line, emailColumn, "email",
                        "e-mail " + row.email() + " already belongs to staff id " + owner));
                return;
            }
            staff.put(row.ref(), row);
            staffLine.put(row.ref(), line);
        } else if (fromRoster && (!earlier.email().equalsIgnoreCase(row.email()) || !earlier.name().equals(row.name()))) {
            errors.add(new RosterError(file, line, emailColumn, "teacher_email",
                    "teacher " + row.ref() + " has a different name or e-mail than on line " + staffLine.get(row.ref())));
        }
    }

    private List<CSVRecord> records(String file, byte[] bytes, List<String> known, List<String> required) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            errors.add(new RosterError(file, 1, 0, null, "the file is not UTF-8 text; save it as 'CSV UTF-8'"));
            return null;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            errors.add(new RosterError(file, 1, 0, null, "the file is empty; expected a header row: " + String.join(",", known)));
            return null;
        }
        if (!controlFree(errors, file, text)) {
            return null;
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT).strip()).toList();
            boolean ok = true;
            for (String column : required) {
                if (!header.contains(column)) {
                    errors.add(new RosterError(file, 1, 0, column, "the header has no column '" + column
                            + "'; expected " + String.join(",", known)));
                    ok = false;
                }
            }
            for (int c = 0; c < header.size(); c++) {
                if (!known.contains(header.get(c))) {
                    errors.add(new RosterError(file, 1, c + 1, header.get(c), "unknown column '" + header.get(c)
                            + "'; expected " + String.join(",", known)));
                    ok = false;
                }
            }
            if (!ok) {
                return null;
            }
            List<CSVRecord> records = new ArrayList<>();
            for (CSVRecord r : parser) {
                if (records.size() >= MAX_ROWS) {
                    errors.add(new RosterError(file, (int) r.getRecordNumber() + 1, 0, null,
                            "more than " + MAX_ROWS + " rows; split the file by school"));
                    break;
                }
                records.add(r);
            }
            return records;
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            errors.add(new RosterError(file, lineOf(e), 0, null, "the file is not valid CSV: " + firstLine(e.getMessage())));
            return null;
        }
    }

    /** Lists each line of the file with a character Rapport does not take (a NUL, another control character); true if none has. */
    static boolean controlFree(List<RosterError> errors, String file, String text) {
        List<ControlCharacters.Found> found = ControlCharacters.inLines(text, 20);
        found.forEach(f -> errors.add(new RosterError(file, f.line(), 0, null, "a control character (" + f.character() + ") at character "
                + f.position() + " of the line; remove it and save the file again")));
        return found.isEmpty();
    }

    private static int lineOf(Exception e) {
        java.util.regex.Matcher m = Pattern.compile("line (\\d+)").matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String first = message.lines().findFirst().orElse(message);
        return first.replaceAll("^[A-Za-z.]+Exception: ", "");
    }

    private boolean consistentWidth(String file, CSVRecord r, int line) {
        if (!r.isConsistent()) {
            errors.add(new RosterError(file, line, 0, null, r.size() + " cells, but the header has "
                    + r.getParser().getHeaderNames().size()));
            return false;
        }
        return true;
    }

    private static int column(CSVRecord r, String name) {
        Integer index = r.getParser().getHeaderMap().get(name);
        if (index == null) {
            for (Map.Entry<String, Integer> e : r.getParser().getHeaderMap().entrySet()) {
                if (e.getKey().toLowerCase(Locale.ROOT).strip().equals(name)) {
                    return e.getValue() + 1;
                }
            }
            return 0;
        }
        return index + 1;
    }

    private static String value(CSVRecord r, String name) {
        int c = column(r, name);
        return c == 0 ? null : r.get(c - 1).strip();
    }

    private String text(String file, CSVRecord r, int line, String name, boolean required) {
        String v = value(r, name);
        if (v == null || v.isEmpty()) {
            if (required) {
                errors.add(new RosterError(file, line, column(r, name), name, name + " is empty"));
            }
            return v == null ? null : (required ? null : "");
        }
        if (v.length() > MAX_TEXT) {
            errors.add(new RosterError(file, line, column(r, name), name, name + " is longer than " + MAX_TEXT + " characters"));
            return null;
        }
        if (v.chars().anyMatch(ch -> ch < 32)) {
            errors.add(new RosterError(file, line, column(r, name), name, name + " contains control characters"));
            return null;
        }
        String hidden = hidden(name, v);
        if (hidden != null) {
            errors.add(new RosterError(file, line, column(r, name), name, hidden));
            return null;
        }
        return v;
    }

    /**
     * Why a name of the files (a teacher's, a class's, a subject, a team) cannot be taken, or null: an invisible character
     * that would hide words or turn the text around it where the name is shown (a right-to-left override in a teacher's
     * name turned the pupils' questions around), or nothing that can be seen.
     */
    static String hidden(String column, String value) {
        int at = TypedText.refusedInName(value);
        if (at >= 0) {
            return column + " contains an invisible character (" + TypedText.name(value, at)
                    + ") that can hide words or turn around the text near it; remove it";
        }
        return value.isEmpty() || TypedText.visible(value) ? null : column + " has no letter, digit or sign that can be seen";
    }

    private String ref(String file, CSVRecord r, int line, String name) {
        String v = text(file, r, line, name, true);
        if (v != null && !REF.matcher(v).matches()) {
            errors.add(new RosterError(file, line, column(r, name), name, "'" + v
                    + "' is not a valid id: use letters, digits, spaces and . _ / - (at most 40)"));
            return null;
        }
        return v;
    }

    private String email(String file, CSVRecord r, int line, String name) {
        String v = text(file, r, line, name, true);
        if (v != null && !EMAIL.matcher(v).matches()) {
            errors.add(new RosterError(file, line, column(r, name), name, notAnEmail(v)));
            return null;
        }
        return v;
    }

    private Integer pupils(String file, CSVRecord r, int line) {
        String v = text(file, r, line, "pupils", true);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0 && n <= 200) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new RosterError(file, line, column(r, "pupils"), "pupils", "'" + v + "' is not a number of pupils from 0 to 200"));
        return null;
    }
}
