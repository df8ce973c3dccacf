package org.rapport.app.school;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The names file uploaded beside a OneRoster bundle (docs/ROSTER.md): by staff id, the name pupils see in
 * their survey ("Ms Okafor", which OneRoster does not carry) and the person's team. Every fault is collected
 * with its line and column, as for the other roster files.
 */
final class StaffNamesCsv {
    static final String FILE = "names";
    static final List<String> COLUMNS = List.of("staff_id", "name_for_pupils", "team");
    private static final int MAX_ROWS = 5000;
    private static final int MAX_NAME = 120;
    private static final int MAX_TEAM = 60;

    private StaffNamesCsv() {
    }

    /** The labels of the file, or the file's faults added to {@code errors} (and an empty list). */
    static List<Roster.Label> parse(byte[] bytes, List<RosterError> errors) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            errors.add(new RosterError(FILE, 1, 0, null, "the file is not UTF-8 text; save it as 'CSV UTF-8'"));
            return List.of();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            errors.add(new RosterError(FILE, 1, 0, null, "the file is empty; expected a header row: " + String.join(",", COLUMNS)));
            return List.of();
        }
        if (!RosterCsv.controlFree(errors, FILE, text)) {
            return List.of();
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true)
                .setAllowMissingColumnNames(true).get();
        List<Roster.Label> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> header = new HashMap<>();
            List<String> names = parser.getHeaderNames();
            boolean ok = true;
            for (int c = 0; c < names.size(); c++) {
                String name = names.get(c).strip().toLowerCase(Locale.ROOT);
                header.put(name, c);
                if (!COLUMNS.contains(name)) {
                    errors.add(new RosterError(FILE, 1, c + 1, name, "unknown column '" + name + "'; expected " + String.join(",", COLUMNS)));
                    ok = false;
                }
            }
            if (!header.containsKey("staff_id")) {
                errors.add(new RosterError(FILE, 1, 0, "staff_id", "the header has no column 'staff_id'; expected " + String.join(",", COLUMNS)));
                ok = false;
            }
            if (!ok) {
                return List.of();
            }
            Map<String, Integer> seen = new HashMap<>();
            for (CSVRecord r : parser) {
                int line = (int) r.getRecordNumber() + 1;
                if (line > MAX_ROWS + 1) {
                    errors.add(new RosterError(FILE, line, 0, null, "more than " + MAX_ROWS + " rows"));
                    break;
                }
                if (!r.isConsistent()) {
                    errors.add(new RosterError(FILE, line, 0, null, r.size() + " cells, but the header has " + names.size()));
                    continue;
                }
                String ref = cell(r, header, "staff_id");
                String pupilName = cell(r, header, "name_for_pupils");
                String team = cell(r, header, "team");
                if (ref.isEmpty()) {
                    errors.add(new RosterError(FILE, line, header.get("staff_id") + 1, "staff_id", "staff_id is empty"));
                    continue;
                }
                if (pupilName.length() > MAX_NAME) {
                    errors.add(new RosterError(FILE, line, header.get("name_for_pupils") + 1, "name_for_pupils",
                            "name_for_pupils is longer than " + MAX_NAME + " characters"));
                    continue;
                }
                if (team.length() > MAX_TEAM) {
                    errors.add(new RosterError(FILE, line, header.get("team") + 1, "team", "team is longer than " + MAX_TEAM + " characters"));
                    continue;
                }
                String hidden = RosterCsv.hidden("name_for_pupils", pupilName);
                String column = "name_for_pupils";
                if (hidden == null) {
                    hidden = RosterCsv.hidden("team", team);
                    column = "team";
                }
                if (hidden != null) {
                    errors.add(new RosterError(FILE, line, header.get(column) + 1, column, hidden));
                    continue;
                }
                Integer first = seen.putIfAbsent(ref, line);
                if (first != null) {
                    errors.add(new RosterError(FILE, line, header.get("staff_id") + 1, "staff_id",
                            "staff id " + ref + " appears twice (first on line " + first + ")"));
                    continue;
                }
                out.add(new Roster.Label(ref, pupilName.isEmpty() ? null : pupilName, team.isEmpty() ? null : team));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            errors.add(new RosterError(FILE, 1, 0, null, "the file is not valid CSV: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            return List.of();
        }
        return out;
    }

    private static String cell(CSVRecord r, Map<String, Integer> header, String column) {
        Integer c = header.get(column);
        return c == null || c >= r.size() ? "" : r.get(c).strip();
    }
}
