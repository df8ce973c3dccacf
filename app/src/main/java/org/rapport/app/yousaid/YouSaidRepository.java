package org.rapport.app.yousaid;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the table you_said: each published page, its cited results by scale key, what will be done and by when. */
@Repository
class YouSaidRepository {
    private final JdbcClient jdbc;

    YouSaidRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One published page as stored. */
    record Entry(long id, long schoolId, long windowId, List<String> heard, String weWill, String byWhen, LocalDate publishedOn) {
    }

    long insert(long schoolId, long windowId, List<String> heard, String weWill, String byWhen, long publishedBy) {
        return jdbc.sql("""
                insert into you_said (school_id, window_id, heard, we_will, by_when, published_on, published_by)
                values (?, ?, ?, ?, ?, current_date, ?) returning id""")
                .params(schoolId, windowId, String.join(",", heard), weWill, byWhen, publishedBy).query(Long.class).single();
    }

    /** A school's pages, newest first: kept, so next year's respondents see what was done last year. */
    List<Entry> ofSchool(long schoolId) {
        return jdbc.sql("""
                select id, school_id, window_id, heard, we_will, by_when, published_on from you_said
                where school_id = ? order by published_on desc, id desc""").param(schoolId)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getString(4).isEmpty() ? List.of() : Arrays.asList(rs.getString(4).split(",")), rs.getString(5), rs.getString(6),
                        rs.getObject(7, LocalDate.class)))
                .list();
    }

    boolean any(long schoolId) {
        return jdbc.sql("select count(*) from you_said where school_id = ?").param(schoolId).query(Integer.class).single() > 0;
    }
}
