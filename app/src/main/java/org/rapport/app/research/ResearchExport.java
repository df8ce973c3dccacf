package org.rapport.app.research;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.response.AnswerRow;
import org.rapport.app.response.Responses;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ConflictException;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Wave;
import org.rapport.app.window.Windows;
import org.rapport.measure.CategoryMerge;
import org.rapport.measure.ResponseMatrix;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * A de-identified export of one relationship's item responses in a wave, for researchers
 * (docs/DATA-PROTECTION.md): a row per respondent (per respondent and teacher for pupils about
 * their teachers, with no teacher named), the items as columns, the school only where the privacy
 * engine shows its group, no comments, no dates. Each row has its own fresh random id, drawn anew
 * in every export and shared with no other row, and the rows are shuffled: nothing but the answers
 * themselves joins two exports, a pupil's rows about their school and about their teachers, or
 * one pupil's rows about two teachers. Only respondents the network's released result counts are
 * in it, and a timetable class's only from k parts on ({@link Responses#answersToPool}). Readable as it is by R and by {@code rapport-measure calibrate --ignore respondent,school},
 * which reads each row as a block of its own, as the application's calibration does; with it comes the category map
 * of the application's calibration of these rows ({@link Export#categories}), which {@code --categories} reads.
 */
@Service
public class ResearchExport {
    static final String RESPONDENT = "respondent";
    static final String SCHOOL = "school";
    private final Windows windows;
    private final Schools schools;
    private final MeasureService measures;
    private final Responses responses;
    private final ItemBank bank;
    private final SecureRandom random = new SecureRandom();

    ResearchExport(Windows windows, Schools schools, MeasureService measures, Responses responses, ItemBank bank) {
        this.windows = windows;
        this.schools = schools;
        this.measures = measures;
        this.responses = responses;
        this.bank = bank;
    }

    /**
     * {@code categories}: the category map of the application's calibration of these rows, {@code item,value,category}
     * for every answered item and every answer value 0..{@value Item#MAX_VALUE}: an answer value nobody used where it
     * informs is merged into the next used value below (at the bottom, above), as {@link CategoryMerge} does before every
     * calibration; {@code rapport-measure calibrate --categories} reads it.
     */
    public record Export(String fileName, String csv, int rows, String categories, List<RawDeleted> deleted) {
    }

    /**
     * A school of the round whose raw answers were deleted ({@code deletedOn}): its rows are in no export made since, nor
     * in its category map, while the round's results stay as they were calculated before (they are kept, frozen, first).
     */
    public record RawDeleted(String school, String window, java.time.LocalDate deletedOn) {
    }

    public Export export(StaffUser user, long windowId, Relationship relationship) {
        SurveyWindow window = windows.get(windowId);
        School school = schools.find(window.schoolId()).orElseThrow();
        if (!user.isNetworkAdmin() || school.networkId() != user.networkId()) {
            throw new AccessDeniedException("network admins of the network only");
        }
        Wave wave = windows.wave(school.networkId(), window.name());
        WaveResults results = measures.wave(school.networkId(), window.name())
                .orElseThrow(() -> new ConflictException("window", "the network has no calibration yet, so nothing of " + window.name() + " is released"));
        Scale scale = new Scale(relationship, null);
        GroupResult network = results.result(scale, GroupKey.NETWORK);
        if (network == null || !network.shown()) {
            throw new ConflictException("relationship", "the network's result for " + relationship + " in " + window.name()
                    + " is not shown, so none of its answers can be exported");
        }
        List<String> items = scale.items(bank).stream().map(Item::id).toList();
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            column.put(items.get(i), i);
        }
        // the blocks of the respondents the network's shown result counts, as the calibration reads them
        List<AnswerRow> answers = responses.answersToPool(wave.windowIds()).stream().filter(a -> column.containsKey(a.item())).toList();
        Set<UUID> counted = measures.shownUpTo(answers.stream().map(AnswerRow::response).distinct().toList(), network.watermark());
        Map<Long, Long> schoolOfWindow = new HashMap<>();
        wave.windows().forEach(w -> schoolOfWindow.put(w.id(), w.schoolId()));
        Map<List<Object>, Block> blocks = new LinkedHashMap<>();
        for (AnswerRow a : answers) {
            if (!counted.contains(a.response())) {
                continue;
            }
            List<Object> unit = relationship.perTarget() ? java.util.Arrays.asList(a.response(), a.target()) : List.of(a.response());
            blocks.computeIfAbsent(unit, u -> new Block(a.response(), schoolOfWindow.get(a.windowId()), new Integer[items.size()]))
                    .values()[column.get(a.item())] = a.value();
        }
        // a school is named only where its group is shown; if the unnamed rest were fewer than k people they would be left
        // out (the engine's complementary suppression keeps hidden schools together at k or more: this is the second lock)
        Map<Long, String> shownSchools = new HashMap<>();
        for (GroupResult g : results.shown(scale, GroupKey.Kind.SCHOOL, s -> true)) {
            shownSchools.put(g.key().id(), schools.find(g.key().id()).map(School::name).orElse(""));
        }
        Set<UUID> unnamed = new HashSet<>();
        blocks.values().stream().filter(b -> !shownSchools.containsKey(b.schoolId())).forEach(b -> unnamed.add(b.response()));
        boolean dropUnnamed = !unnamed.isEmpty() && unnamed.size() < measures.minCellSize();
        Set<String> ids = new HashSet<>();
        List<String[]> rows = new ArrayList<>();
        List<int[]> matrix = new ArrayList<>();
        for (Block b : blocks.values()) {
            if (dropUnnamed && unnamed.contains(b.response())) {
                continue;
            }
            matrix.add(java.util.Arrays.stream(b.values()).mapToInt(v -> v == null ? ResponseMatrix.MISSING : v).toArray());
            String[] row = new String[items.size() + 2];
            row[0] = freshId(ids);
            row[1] = shownSchools.getOrDefault(b.schoolId(), "");
            for (int i = 0; i < items.size(); i++) {
                row[i + 2] = b.values()[i] == null ? "" : b.values()[i].toString();
            }
            rows.add(row);
        }
        // in random order, never that of submission nor, for one pupil, of their teachers
        Collections.shuffle(rows, random);
        List<RawDeleted> deleted = wave.windows().stream().filter(w -> w.rawDeletedOn() != null)
                .sorted(java.util.Comparator.comparing(SurveyWindow::rawDeletedOn).thenComparing(SurveyWindow::id))
                .map(w -> new RawDeleted(schools.find(w.schoolId()).map(School::name).orElse(""), w.name(), w.rawDeletedOn())).toList();
        String notes = notes(deleted);
        StringBuilder csv = new StringBuilder(notes).append(RESPONDENT + "," + SCHOOL + "," + String.join(",", items) + "\n");
        for (String[] r : rows) {
            csv.append(r[0]).append(',').append(quote(r[1]));
            for (int i = 2; i < r.length; i++) {
                csv.append(',').append(r[i]);
            }
            csv.append('\n');
        }
        String file = ("rapport-" + window.name() + "-" + relationship).replaceAll("[^A-Za-z0-9_-]+", "-") + ".csv";
        return new Export(file, csv.toString(), rows.size(), notes + categories(ResponseMatrix.of(items, matrix.toArray(int[][]::new))), deleted);
    }

    /**
     * What an export says of the round's deleted raw answers, before its header, each line starting with '#' (R reads past
     * them with {@code comment.char = "#"}, {@code rapport-measure} on its own): which schools' answers were deleted and
     * when, so that two downloads that differ say why. None when nothing was deleted (the file is as it always was).
     */
    static String notes(List<RawDeleted> deleted) {
        if (deleted.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (RawDeleted d : deleted) {
            out.append("# The raw answers of ").append(oneLine(d.school())).append(" (").append(oneLine(d.window())).append(") were deleted on ")
                    .append(d.deletedOn()).append(": its rows, in exports made before that day, are not in this one, nor counted in its category map.\n");
        }
        out.append("# The network's results of this round stay as they were calculated before the first of these deletions (they were kept first).\n");
        return out.toString();
    }

    /** A name on one note line: no line break can end the note early. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    /** The merges the calibration makes of these rows: on the items answered, as {@code CalibrationService} merges them. */
    static String categories(ResponseMatrix exported) {
        ResponseMatrix answered = exported.answeredItems();
        int[][] categories = CategoryMerge.unusedCategories(answered, Item.MAX_VALUE);
        StringBuilder out = new StringBuilder("item,value,category\n");
        for (int i = 0; i < answered.items(); i++) {
            for (int x = 0; x <= Item.MAX_VALUE; x++) {
                out.append(answered.itemNames().get(i)).append(',').append(x).append(',').append(categories[i][x]).append('\n');
            }
        }
        return out.toString();
    }

    private record Block(UUID response, long schoolId, Integer[] values) {
    }

    /** 64 random bits in hex, fresh in every export and for every row, unique within the export: nothing of it is derived. */
    private String freshId(Set<String> taken) {
        byte[] b = new byte[8];
        String id;
        do {
            random.nextBytes(b);
            id = HexFormat.of().formatHex(b);
        } while (!taken.add(id));
        return id;
    }

    private static String quote(String s) {
        return s.isEmpty() ? "" : '"' + s.replace("\"", "\"\"") + '"';
    }
}
