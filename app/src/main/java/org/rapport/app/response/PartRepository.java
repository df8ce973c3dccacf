package org.rapport.app.response;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns the tables held_part (the parts of timetable submissions waiting for their window to be settled, sealed, and
 * those withheld for good) and
 * released_part (how many parts each class of a window received).
 */
@Repository
class PartRepository {
    private final JdbcClient jdbc;

    PartRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Held(UUID id, long windowId, byte[] sealed, LocalDate day) {
    }

    void hold(UUID id, long windowId, byte[] sealed) {
        jdbc.sql("insert into held_part (id, window_id, sealed, held_on) values (?, ?, ?, current_date)").params(id, windowId, sealed).update();
    }

    /** One held part, its row locked until the transaction ends (empty if another release stored it meanwhile). */
    java.util.Optional<Held> lockOne(UUID id) {
        return jdbc.sql("select id, window_id, sealed, held_on from held_part where id = ? and not withheld for update skip locked").param(id)
                .query((rs, n) -> new Held(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBytes(3), rs.getObject(4, LocalDate.class)))
                .optional();
    }

    /** The ids of a window's held parts (those withheld for good left out). */
    List<UUID> ids(long windowId) {
        return jdbc.sql("select id from held_part where window_id = ? and not withheld").param(windowId).query(UUID.class).list();
    }

    /** A window's held parts, sealed (those withheld for good left out). */
    List<Held> held(long windowId) {
        return jdbc.sql("select id, window_id, sealed, held_on from held_part where window_id = ? and not withheld").param(windowId)
                .query((rs, n) -> new Held(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBytes(3), rs.getObject(4, LocalDate.class)))
                .list();
    }

    /** Keeps a held part sealed for good: never stored as a response nor counted. */
    void withhold(UUID id) {
        jdbc.sql("update held_part set withheld = true where id = ?").param(id).update();
    }

    /** How many parts a window keeps withheld. */
    int withheld(long windowId) {
        return jdbc.sql("select count(*) from held_part where window_id = ? and withheld").param(windowId).query(Integer.class).single();
    }

    int delete(Collection<UUID> ids) {
        return jdbc.sql("delete from held_part where id = any(?)").param(ids.toArray(UUID[]::new)).update();
    }

    int deleteWindow(long windowId) {
        return jdbc.sql("delete from held_part where window_id = ?").param(windowId).update();
    }

    List<Long> windowsHolding() {
        return jdbc.sql("select distinct window_id from held_part where not withheld order by window_id").query(Long.class).list();
    }

    void countReleased(long windowId, long classId, int parts) {
        jdbc.sql("""
                insert into released_part (window_id, class_id, parts) values (?, ?, ?)
                on conflict (window_id, class_id) do update set parts = released_part.parts + excluded.parts""")
                .params(windowId, classId, parts).update();
    }

    /** The classes of these windows that stored fewer than {@code minimum} parts. */
    List<ClassInWindow> fewerThan(Collection<Long> windowIds, int minimum) {
        return jdbc.sql("select window_id, class_id from released_part where window_id = any(?) and parts < ?")
                .params(windowIds.toArray(Long[]::new), minimum)
                .query((rs, n) -> new ClassInWindow(rs.getLong(1), rs.getLong(2))).list();
    }

    Map<Long, Integer> released(long windowId) {
        Map<Long, Integer> out = new HashMap<>();
        jdbc.sql("select class_id, parts from released_part where window_id = ?").param(windowId)
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getInt(2));
                });
        return out;
    }
}
