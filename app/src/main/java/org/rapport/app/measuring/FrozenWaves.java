package org.rapport.app.measuring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rapport.app.calibration.Scale;
import org.rapport.app.privacy.GroupKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owns the table frozen_result: a wave's results as they were shown when raw answers of it were
 * first deleted, one row per scale. A frozen wave is read from here and never released again.
 */
@Repository
class FrozenWaves {
    private static final TypeReference<List<GroupResult>> RESULTS = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    FrozenWaves(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Frozen(long calibrationId, Map<Scale, Map<GroupKey, GroupResult>> results) {
    }

    boolean isFrozen(long networkId, String windowName) {
        return jdbc.sql("select exists (select 1 from frozen_result where network_id = ? and window_name = ?)").params(networkId, windowName)
                .query(Boolean.class).single();
    }

    void save(long networkId, String windowName, long calibrationId, Map<Scale, Map<GroupKey, GroupResult>> results) {
        for (Map.Entry<Scale, Map<GroupKey, GroupResult>> e : results.entrySet()) {
            jdbc.sql("insert into frozen_result (network_id, window_name, calibration_id, scale, results) values (?, ?, ?, ?, ?::jsonb)")
                    .params(networkId, windowName, calibrationId, e.getKey().key(), write(new ArrayList<>(e.getValue().values()))).update();
        }
    }

    Optional<Frozen> load(long networkId, String windowName) {
        record Row(long calibrationId, String scale, String results) {
        }
        List<Row> rows = jdbc.sql("select calibration_id, scale, results::text from frozen_result where network_id = ? and window_name = ? order by scale")
                .params(networkId, windowName).query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<Scale, Map<GroupKey, GroupResult>> results = new LinkedHashMap<>();
        for (Row r : rows) {
            Map<GroupKey, GroupResult> byKey = new LinkedHashMap<>();
            read(r.results()).forEach(g -> byKey.put(g.key(), g));
            results.put(Scale.of(r.scale()), byKey);
        }
        return Optional.of(new Frozen(rows.get(0).calibrationId(), results));
    }

    /** The names of the network's frozen waves that keep a result of this teacher (their own pupils' feedback). */
    List<String> wavesAbout(long networkId, long teacherId) {
        String key;
        try {
            // a result's key as the results are written, by the same mapper
            key = json.writeValueAsString(List.of(Map.of("key", GroupKey.teacher(teacherId))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return jdbc.sql("select distinct window_name from frozen_result where network_id = ? and results @> ?::jsonb order by window_name")
                .params(networkId, key).query(String.class).list();
    }

    private String write(List<GroupResult> results) {
        try {
            return json.writeValueAsString(results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<GroupResult> read(String text) {
        try {
            return json.readValue(text, RESULTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
