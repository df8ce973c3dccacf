package org.rapport.app.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.School;
import org.rapport.app.school.StaffMember;
import org.rapport.app.window.SurveyWindow;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Distributions of raw answers until the Rasch measures take over; every cell passes the privacy threshold. */
@Service
public class ReportService {
    private final JdbcClient jdbc;
    private final ItemBank bank;
    private final MessageSource messages;
    private final int minCellSize;

    public ReportService(JdbcClient jdbc, ItemBank bank, MessageSource messages, RapportProperties properties) {
        this.jdbc = jdbc;
        this.bank = bank;
        this.messages = messages;
        this.minCellSize = properties.minCellSize();
    }

    public int minCellSize() {
        return minCellSize;
    }

    record AnswerRow(UUID response, String role, String item, int value) {
    }

    /** School-level results: every relationship, all teachers together. */
    Report school(SurveyWindow window, School school, Locale locale) {
        List<AnswerRow> rows = jdbc.sql("""
                select r.id, r.respondent_role, a.item_id, a.value from answer a join response r on r.id = a.response_id
                where r.window_id = ?""")
                .param(window.id())
                .query((rs, n) -> new AnswerRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
        Map<String, Integer> respondentsByRole = countBy("select respondent_role, count(*) from response where window_id = ? group by 1", window.id());
        Map<String, Integer> invitedByRole = countBy("select respondent_role, count(*) from access_code where window_id = ? group by 1", window.id());
        List<Report.RelationshipSection> sections = new ArrayList<>();
        for (Relationship relationship : Relationship.values()) {
            String role = relationship.respondent().name();
            sections.add(section(relationship, rows.stream().filter(r -> r.role().equals(role)).toList(),
                    respondentsByRole.getOrDefault(role, 0), invitedByRole.getOrDefault(role, 0), locale));
        }
        return new Report(messages.getMessage("report.title", new Object[] {window.name()}, locale), window.id(),
                window.name(), school.name(), minCellSize, sections);
    }

    /** A teacher's own pupils' feedback: the pupil blocks about this teacher, in all their classes together. */
    public Report teacher(SurveyWindow window, School school, StaffMember teacher, Locale locale) {
        List<AnswerRow> rows = jdbc.sql("""
                select r.id, r.respondent_role, a.item_id, a.value from answer a join response r on r.id = a.response_id
                where r.window_id = ? and a.target_staff = ?""")
                .params(window.id(), teacher.id())
                .query((rs, n) -> new AnswerRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
        int respondents = jdbc.sql("""
                select count(*) from response r where r.window_id = ? and r.respondent_role = 'PUPIL'
                and r.class_id in (select class_id from teaching where staff_id = ?)""")
                .params(window.id(), teacher.id()).query(Integer.class).single();
        int invited = jdbc.sql("""
                select count(*) from access_code where window_id = ? and respondent_role = 'PUPIL'
                and class_id in (select class_id from teaching where staff_id = ?)""")
                .params(window.id(), teacher.id()).query(Integer.class).single();
        Report.RelationshipSection section = section(Relationship.PUPIL_TEACHER, rows, respondents, invited, locale);
        return new Report(messages.getMessage("report.mine.title", new Object[] {window.name()}, locale), window.id(),
                window.name(), school.name(), minCellSize, List.of(section));
    }

    private Map<String, Integer> countBy(String sql, long windowId) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql(sql).param(windowId).query(rs -> {
            counts.put(rs.getString(1), rs.getInt(2));
        });
        return counts;
    }

    private Report.RelationshipSection section(Relationship relationship, List<AnswerRow> rows, int respondents, int invited,
                                               Locale locale) {
        Map<String, List<Item>> facets = bank.facets(relationship);
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Set<UUID>> people = new HashMap<>();
        for (String facet : facets.keySet()) {
            counts.put(facet, new int[Item.MAX_VALUE + 1]);
            people.put(facet, new HashSet<>());
        }
        for (AnswerRow row : rows) {
            Item item = bank.item(row.item()).orElse(null);
            if (item == null || item.relationship() != relationship) {
                continue;
            }
            counts.get(item.facet())[row.value()]++;
            people.get(item.facet()).add(row.response());
        }
        boolean sectionSuppressed = respondents < minCellSize;
        List<Report.FacetCell> cells = new ArrayList<>();
        for (Map.Entry<String, List<Item>> facet : facets.entrySet()) {
            int n = people.get(facet.getKey()).size();
            int[] c = counts.get(facet.getKey());
            String scale = facet.getValue().get(0).scale();
            List<String> labels = new ArrayList<>();
            for (int v = 0; v <= Item.MAX_VALUE; v++) {
                labels.add(messages.getMessage("scale." + scale + "." + v, null, locale));
            }
            String label = messages.getMessage(ItemBank.facetKey(facet.getKey()), null, facet.getKey(), locale);
            boolean suppressed = sectionSuppressed || n < minCellSize;
            if (suppressed) {
                cells.add(new Report.FacetCell(facet.getKey(), label, n < minCellSize ? 0 : n, true, null, null, null, labels));
            } else {
                int total = 0;
                for (int x : c) {
                    total += x;
                }
                double[] shares = new double[c.length];
                for (int v = 0; v < c.length; v++) {
                    shares[v] = total == 0 ? 0 : (double) c[v] / total;
                }
                cells.add(new Report.FacetCell(facet.getKey(), label, n, false, total, c.clone(), shares, labels));
            }
        }
        // a suppressed section shows no rate either: 2 of 2 leaders answering is itself a small cell
        Double rate = invited == 0 || sectionSuppressed ? null : (double) respondents / invited;
        String label = messages.getMessage("relationship." + relationship.name(), null, relationship.name(), locale);
        return new Report.RelationshipSection(relationship.name(), label, sectionSuppressed ? 0 : respondents, invited, rate,
                sectionSuppressed, cells);
    }

    /** Used and issued codes per group of a window: each class for pupils and parents, and staff. */
    public List<RateRow> responseRates(SurveyWindow window) {
        return jdbc.sql("""
                select ac.respondent_role, c.name, count(*), count(*) filter (where ac.used)
                from access_code ac left join class_group c on c.id = ac.class_id
                where ac.window_id = ? group by 1, 2, c.year_group, c.class_ref
                order by case ac.respondent_role when 'PUPIL' then 0 when 'PARENT' then 1 when 'TEACHER' then 2 else 3 end,
                         c.year_group nulls last, c.class_ref""")
                .param(window.id())
                .query((rs, n) -> new RateRow(RespondentRole.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3), rs.getInt(4)))
                .list();
    }

    /** Whole-school response rates, one row per respondent role. */
    public List<RateRow> responseTotals(List<RateRow> rows) {
        Map<RespondentRole, int[]> sums = new java.util.EnumMap<>(RespondentRole.class);
        for (RateRow r : rows) {
            int[] sum = sums.computeIfAbsent(r.role(), k -> new int[2]);
            sum[0] += r.issued();
            sum[1] += r.used();
        }
        List<RateRow> totals = new ArrayList<>();
        sums.forEach((role, sum) -> totals.add(new RateRow(role, null, sum[0], sum[1])));
        return totals;
    }

    public record RateRow(RespondentRole role, String group, int issued, int used) {
        public double rate() {
            return issued == 0 ? 0 : (double) used / issued;
        }

        public String percent() {
            return String.format(Locale.ROOT, "%.0f%%", 100 * rate());
        }
    }
}
