package org.rapport.app.calibration;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rapport.measure.GroupReliability;
import org.rapport.measure.ItemParameters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Owns the tables calibration, scale_calibration, item_calibration and scale_group_reliability. */
@Repository
class CalibrationRepository {
    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    CalibrationRepository(JdbcClient jdbc, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    Optional<Long> activeId(long networkId) {
        return jdbc.sql("select id from calibration where network_id = ? and active").param(networkId).query(Long.class).optional();
    }

    /** Every calibration of the network, newest first, without its parameters. */
    List<Calibrations.Header> history(long networkId) {
        return jdbc.sql("select id, version, reference_window, item_bank, created_on, active from calibration where network_id = ? order by version desc")
                .param(networkId).query((rs, n) -> new Calibrations.Header(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getBoolean(6))).list();
    }

    Calibrated load(long id) {
        Calibrations.Header h = jdbc.sql("select id, version, reference_window, item_bank, created_on, active from calibration where id = ?").param(id)
                .query((rs, n) -> new Calibrations.Header(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getBoolean(6))).single();
        record ItemRow(String scale, String item, double[] thresholds, double[] errors, Double locationError, int[] categories) {
        }
        Map<String, List<ItemRow>> items = new LinkedHashMap<>();
        jdbc.sql("""
                select scale, item_id, thresholds, standard_errors, location_standard_error, categories
                from item_calibration where calibration_id = ? order by scale, item_id""")
                .param(id).query((rs, n) -> new ItemRow(rs.getString(1), rs.getString(2), doubles(rs.getArray(3)), doubles(rs.getArray(4)),
                        rs.getObject(5, Double.class), java.util.Arrays.stream(doubles(rs.getArray(6))).mapToInt(d -> (int) d).toArray()))
                .list().forEach(r -> items.computeIfAbsent(r.scale(), s -> new ArrayList<>()).add(r));
        Map<String, Map<GroupKind, GroupReliability>> spreads = new LinkedHashMap<>();
        jdbc.sql("""
                select scale, kind, groups, members, between_variance, within_variance
                from scale_group_reliability where calibration_id = ?""").param(id).query(rs -> {
            spreads.computeIfAbsent(rs.getString(1), k -> new java.util.EnumMap<>(GroupKind.class)).put(GroupKind.valueOf(rs.getString(2)),
                    new GroupReliability(rs.getInt(3), rs.getInt(4), rs.getDouble(5), rs.getDouble(6)));
        });
        Map<String, ScaleFit> scales = new LinkedHashMap<>();
        jdbc.sql("""
                select scale, status, problem, persons, reference_mean, reference_sd, reliability, reference_by_model
                from scale_calibration where calibration_id = ?""").param(id).query(rs -> {
            String key = rs.getString(1);
            List<ItemRow> rows = items.getOrDefault(key, List.of());
            ItemParameters parameters = new ItemParameters(rows.stream().map(ItemRow::item).toList(),
                    rows.stream().map(ItemRow::thresholds).toArray(double[][]::new));
            scales.put(key, new ScaleFit(Scale.of(key), rs.getString(2).equals("CALIBRATED"), rs.getString(3), rs.getInt(4),
                    rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), parameters,
                    rows.stream().map(ItemRow::errors).toArray(double[][]::new),
                    rows.stream().anyMatch(r -> r.locationError() == null) ? null
                            : rows.stream().mapToDouble(ItemRow::locationError).toArray(),
                    rows.stream().map(ItemRow::categories).toArray(int[][]::new), rs.getBoolean(8), spreads.get(key)));
        });
        return new Calibrated(h.id(), h.version(), h.referenceWindow(), h.itemBank(), h.createdOn(), scales);
    }

    private static double[] doubles(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values[i]).doubleValue();
        }
        return out;
    }

    /** A lock of one network's calibrations (the first key of the pair; the second is the network). */
    private static final int CALIBRATIONS_LOCK = 0x43414c31;

    /**
     * Stores a new calibration and makes it the network's active one. Calibrations of one network are stored one after
     * the other (two at once, a double click, each read no active one to replace and the second broke the unique active
     * index with a 500; an outside test).
     */
    @Transactional
    long save(long networkId, String referenceWindow, String itemBank, List<ScaleFit> fits) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(CALIBRATIONS_LOCK, (int) networkId).query((rs, n) -> null).list();
        jdbc.sql("update calibration set active = false where network_id = ? and active").param(networkId).update();
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from calibration where network_id = ?").param(networkId)
                .query(Integer.class).single();
        long id = jdbc.sql("""
                insert into calibration (network_id, version, reference_window, item_bank, created_on, active)
                values (?, ?, ?, ?, ?, true) returning id""")
                .params(networkId, version, referenceWindow, itemBank, LocalDate.now(clock)).query(Long.class).single();
        for (ScaleFit f : fits) {
            jdbc.sql("""
                    insert into scale_calibration (calibration_id, scale, status, problem, persons, reference_mean, reference_sd, reliability,
                                                   reference_by_model)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, f.scale().key(), f.calibrated() ? "CALIBRATED" : "FAILED", f.problem(), f.persons(),
                            f.calibrated() ? f.referenceMean() : null, f.calibrated() ? f.referenceSd() : null,
                            f.calibrated() ? f.reliability() : null, f.calibrated() && f.referenceByModel())
                    .update();
            for (Map.Entry<GroupKind, GroupReliability> g : f.calibrated() ? f.groupReliability().entrySet() : java.util.Set.<Map.Entry<GroupKind, GroupReliability>>of()) {
                jdbc.sql("""
                        insert into scale_group_reliability (calibration_id, scale, kind, groups, members, between_variance, within_variance)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, f.scale().key(), g.getKey().name(), g.getValue().groups(), g.getValue().members(), g.getValue().between(),
                                g.getValue().within()).update();
            }
            for (int i = 0; f.calibrated() && i < f.items().items(); i++) {
                double[] thresholds = new double[f.items().maxCategory(i)];
                for (int k = 1; k <= thresholds.length; k++) {
                    thresholds[k - 1] = f.items().threshold(i, k);
                }
                jdbc.sql("""
                        insert into item_calibration (calibration_id, scale, item_id, thresholds, standard_errors,
                                                      location_standard_error, categories)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, f.scale().key(), f.items().itemNames().get(i), boxed(thresholds), boxed(f.standardErrors()[i]),
                                f.locationErrors() == null ? null : f.locationErrors()[i], java.util.Arrays.stream(f.categories()[i]).boxed().toArray(Integer[]::new))
                        .update();
            }
        }
        return id;
    }

    private static Double[] boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Double[]::new);
    }
}
