package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database set up before the head of a school on its own was a person of it: migration 26 makes them a leader
 * of their school, and touches no network that is a trust (several schools, or a school named otherwise). The old
 * rows cannot be made through today's services (they make the head a person of the school), so they are written
 * as the old setup wrote them, into a schema of their own migrated up to just before.
 */
class SingleSchoolMigrationTest extends AppTest {
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    Flyway flyway(String schema, String target) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true).locations("classpath:db/migration")
                .target(MigrationVersion.fromVersion(target)).load();
    }

    long insert(String sql, Object... params) {
        return jdbc.sql(sql + " returning id").params(params).query(Long.class).single();
    }

    @Test
    void theHeadOfASchoolSetUpOnItsOwnJoinsItAndATrustsAdminsDoNot() {
        String s = "legacy_" + Long.toHexString(System.nanoTime());
        try {
            // up to the migration before the one that lets a network admin belong to a school
            org.flywaydb.core.api.MigrationInfo[] all = flyway(s, "latest").info().all();
            MigrationVersion people = java.util.Arrays.stream(all).filter(i -> "people".equals(i.getDescription())).findFirst().orElseThrow().getVersion();
            String before = java.util.Arrays.stream(all).map(i -> i.getVersion())
                    .filter(v -> v != null && v.compareTo(people) < 0).max(MigrationVersion::compareTo).orElseThrow().getVersion();
            flyway(s, before).migrate();
            // as the old setup made a school on its own: the network named after the school, its head a network admin with no school
            long elm = insert("insert into " + s + ".network (name) values ('Elm Primary')");
            long elmSchool = insert("insert into " + s + ".school (network_id, name) values (?, 'Elm Primary')", elm);
            long head = insert("insert into " + s + ".staff (network_id, email, display_name, role) values (?, 'pat@elm.example', 'Pat', 'NETWORK_ADMIN')", elm);
            long second = insert("insert into " + s + ".staff (network_id, email, display_name, role) values (?, 'sam@elm.example', 'Sam', 'NETWORK_ADMIN')", elm);
            // a trust with one school so far, added with its own admin, and a trust of two schools
            long oak = insert("insert into " + s + ".network (name) values ('Oak Trust')");
            insert("insert into " + s + ".school (network_id, name) values (?, 'Oak Primary')", oak);
            long oakAdmin = insert("insert into " + s + ".staff (network_id, email, display_name, role) values (?, 'jo@oak.example', 'Jo', 'NETWORK_ADMIN')", oak);
            long ash = insert("insert into " + s + ".network (name) values ('Ash')");
            insert("insert into " + s + ".school (network_id, name) values (?, 'Ash')", ash);
            insert("insert into " + s + ".school (network_id, name) values (?, 'Ash Juniors')", ash);
            long ashAdmin = insert("insert into " + s + ".staff (network_id, email, display_name, role) values (?, 'lee@ash.example', 'Lee', 'NETWORK_ADMIN')", ash);

            flyway(s, "latest").migrate();

            assertThat(jdbc.sql("select school_id, is_leader, role, active from " + s + ".staff where id = ?").param(head)
                    .query((rs, n) -> rs.getLong(1) + " " + rs.getBoolean(2) + " " + rs.getString(3) + " " + rs.getBoolean(4)).single())
                    .isEqualTo(elmSchool + " true NETWORK_ADMIN true");
            for (long untouched : new long[] {second, oakAdmin, ashAdmin}) {
                assertThat(jdbc.sql("select school_id from " + s + ".staff where id = ?").param(untouched)
                        .query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1))).single()).as("account " + untouched).isEmpty();
            }
            // a network admin may now have a school; a teacher still must
            jdbc.sql("update " + s + ".staff set school_id = null where id = ?").param(head).update();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("insert into " + s
                    + ".staff (network_id, email, display_name, role) values (?, 't@elm.example', 'T', 'TEACHER')").param(elm).update())
                    .hasMessageContaining("staff_has_school");
        } finally {
            jdbc.sql("drop schema if exists " + s + " cascade").update();
        }
    }
}
