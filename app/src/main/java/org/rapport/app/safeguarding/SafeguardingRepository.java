package org.rapport.app.safeguarding;

import java.sql.Array;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the tables safeguarding_lead, safeguarding_setting, concern_phrase and concern. */
@Repository
class SafeguardingRepository {
    private final JdbcClient jdbc;

    SafeguardingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Long> leads(long schoolId) {
        return jdbc.sql("select staff_id from safeguarding_lead where school_id = ? order by staff_id").param(schoolId).query(Long.class).list();
    }

    /** How many leads each of these schools has named (schools with none are left out). */
    java.util.Map<Long, Integer> leadCounts(Collection<Long> schoolIds) {
        record Count(long schoolId, int leads) {
        }
        return jdbc.sql("select school_id, count(*) from safeguarding_lead where school_id = any(?) group by school_id")
                .param(schoolIds.toArray(Long[]::new)).query((rs, n) -> new Count(rs.getLong(1), rs.getInt(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Count::schoolId, Count::leads));
    }

    /** The staff named as leads of each of these schools. */
    java.util.Map<Long, List<Long>> leadsOf(Collection<Long> schoolIds) {
        record Lead(long schoolId, long staffId) {
        }
        return jdbc.sql("select school_id, staff_id from safeguarding_lead where school_id = any(?)")
                .param(schoolIds.toArray(Long[]::new)).query((rs, n) -> new Lead(rs.getLong(1), rs.getLong(2))).list().stream()
                .collect(java.util.stream.Collectors.groupingBy(Lead::schoolId,
                        java.util.stream.Collectors.mapping(Lead::staffId, java.util.stream.Collectors.toList())));
    }

    void setLeads(long schoolId, Collection<Long> staffIds) {
        jdbc.sql("delete from safeguarding_lead where school_id = ?").param(schoolId).update();
        for (long id : staffIds) {
            jdbc.sql("insert into safeguarding_lead (school_id, staff_id) values (?, ?)").params(schoolId, id).update();
        }
    }

    /** A school's own escalation time in hours, if it set one. */
    java.util.Optional<Integer> escalationHours(long schoolId) {
        return jdbc.sql("select escalate_after_hours from safeguarding_setting where school_id = ?").param(schoolId).query(Integer.class).optional();
    }

    void setEscalationHours(long schoolId, int hours) {
        jdbc.sql("""
                        insert into safeguarding_setting (school_id, escalate_after_hours) values (?, ?)
                        on conflict (school_id) do update set escalate_after_hours = excluded.escalate_after_hours""")
                .params(schoolId, hours).update();
    }

    /** The network's own lists, by language; a language without rows uses the shipped list. */
    Map<String, List<String>> phrases(long networkId) {
        Map<String, List<String>> out = new TreeMap<>();
        jdbc.sql("select language, phrase from concern_phrase where network_id = ? order by language, phrase").param(networkId)
                .query(rs -> {
                    out.computeIfAbsent(rs.getString(1), l -> new ArrayList<>()).add(rs.getString(2));
                });
        return out;
    }

    void setPhrases(long networkId, String language, Collection<String> phrases) {
        jdbc.sql("delete from concern_phrase where network_id = ? and language = ?").params(networkId, language).update();
        for (String p : phrases) {
            jdbc.sql("insert into concern_phrase (network_id, language, phrase) values (?, ?, ?) on conflict do nothing")
                    .params(networkId, language, p).update();
        }
    }

    void addConcern(long schoolId, long windowId, String body, Collection<String> phrases, LocalDate day, Instant escalateAt) {
        jdbc.sql("insert into concern (school_id, window_id, body, phrases, arrived_on, escalate_at) values (?, ?, ?, ?, ?, ?)")
                .params(schoolId, windowId, body, phrases.toArray(String[]::new), day, OffsetDateTime.ofInstant(escalateAt, ZoneOffset.UTC)).update();
    }

    /** A concern of a school without a lead: escalated to its admins on the day it arrives, with nothing to wait for. */
    void addConcernWithoutLead(long schoolId, long windowId, String body, Collection<String> phrases, LocalDate day) {
        jdbc.sql("""
                        insert into concern (school_id, window_id, body, phrases, arrived_on, escalated_on, arrived_without_lead)
                        values (?, ?, ?, ?, ?, ?, true)""")
                .params(schoolId, windowId, body, phrases.toArray(String[]::new), day, day).update();
    }

    record Row(long id, long schoolId, long windowId, String body, List<String> phrases, Long reviewedBy, OffsetDateTime reviewedAt) {
    }

    /** A school's concerns: those not yet reviewed first, then in the order of their text (never of their arrival). */
    List<Row> concerns(Collection<Long> schoolIds) {
        return jdbc.sql("""
                        select id, school_id, window_id, body, phrases, reviewed_by, reviewed_at from concern where school_id = any(?)
                        order by reviewed_at is not null, body, id""")
                .param(schoolIds.toArray(Long[]::new))
                .query((rs, n) -> {
                    Array a = rs.getArray(5);
                    return new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), Arrays.asList((String[]) a.getArray()),
                            (Long) rs.getObject(6), rs.getObject(7, OffsetDateTime.class));
                }).list();
    }

    int waiting(Collection<Long> schoolIds) {
        return jdbc.sql("select count(*) from concern where school_id = any(?) and reviewed_at is null").param(schoolIds.toArray(Long[]::new))
                .query(Integer.class).single();
    }

    java.util.Optional<Long> schoolOf(long concernId) {
        return jdbc.sql("select school_id from concern where id = ?").param(concernId).query(Long.class).optional();
    }

    /** Reviewed: with who and when; the time it would have escalated goes. */
    void review(long concernId, long staffId, Instant at) {
        jdbc.sql("update concern set reviewed_by = ?, reviewed_at = ?, escalate_at = null where id = ? and reviewed_at is null")
                .params(staffId, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), concernId).update();
    }

    /**
     * Not yet reviewed, and of these escalated to the school's admins after waiting ({@code escalated}) or at once
     * because the school had no lead when they arrived ({@code withoutLead}), by school.
     */
    record Waiting(int unreviewed, int escalated, int withoutLead) {
    }

    Map<Long, Waiting> waitingBySchool(Collection<Long> schoolIds) {
        Map<Long, Waiting> out = new TreeMap<>();
        jdbc.sql("""
                        select school_id, count(*), count(escalated_on) filter (where not arrived_without_lead), count(*) filter (where arrived_without_lead)
                        from concern where school_id = any(?) and reviewed_at is null group by school_id""")
                .param(schoolIds.toArray(Long[]::new))
                .query(rs -> {
                    out.put(rs.getLong(1), new Waiting(rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                });
        return out;
    }

    /**
     * Concerns still waiting whose time is up: marked escalated today, their time cleared. Two instances
     * at once cannot both escalate a concern (the second finds it escalated).
     */
    int escalateDue(Instant now, LocalDate today) {
        return jdbc.sql("""
                        update concern set escalated_on = ?, escalate_at = null
                        where reviewed_at is null and escalated_on is null and escalate_at <= ?""")
                .params(today, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
    }

    /** A concern a mail is owed for, its school, and whether it arrived while the school had no lead. */
    record Pending(long id, long schoolId, boolean withoutLead) {
    }

    /**
     * Waiting concerns whose leads (or, once escalated, admins) have not been mailed, locked until the
     * transaction ends; rows another transaction is mailing about are skipped, so none is mailed twice at once.
     */
    List<Pending> claimUnmailed(boolean admins) {
        String sql = admins
                ? "select id, school_id, arrived_without_lead from concern where reviewed_at is null and escalated_on is not null and not admins_mailed"
                : "select id, school_id, arrived_without_lead from concern where reviewed_at is null and not leads_mailed";
        return jdbc.sql(sql + " order by id limit 500 for update skip locked")
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getBoolean(3))).list();
    }

    void markMailed(Collection<Long> concernIds, boolean admins) {
        jdbc.sql("update concern set " + (admins ? "admins_mailed" : "leads_mailed") + " = true where id = any(?)")
                .param(concernIds.toArray(Long[]::new)).update();
    }

    /** One instance at a time runs the alert job: the others skip the round. Held until the transaction ends. */
    boolean tryAlertLock() {
        return jdbc.sql("select pg_try_advisory_xact_lock(hashtext('rapport-safeguarding-alerts'))").query(Boolean.class).single();
    }

    int deleteReviewed(long windowId) {
        return jdbc.sql("delete from concern where window_id = ? and reviewed_at is not null").param(windowId).update();
    }

    /** Where {@code from} is a designated lead, {@code into} is; concerns they reviewed are {@code into}'s. */
    void moveStaff(long from, long into) {
        jdbc.sql("insert into safeguarding_lead (school_id, staff_id) select school_id, ? from safeguarding_lead where staff_id = ? on conflict do nothing")
                .params(into, from).update();
        jdbc.sql("delete from safeguarding_lead where staff_id = ?").param(from).update();
        jdbc.sql("update concern set reviewed_by = ? where reviewed_by = ?").params(into, from).update();
    }
}
