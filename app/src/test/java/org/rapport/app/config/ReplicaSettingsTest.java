package org.rapport.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The replica setting: none by default (then nothing changes), its user and password the primary's unless set, and
 * its pool read-only. ReplicaReportsIT runs it against a real hot standby.
 */
class ReplicaSettingsTest {
    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class)
            .withPropertyValues("rapport.db.url=jdbc:postgresql://primary.internal/rapport", "rapport.db.user=rapport",
                    "rapport.db.password=secret");

    @EnableConfigurationProperties(RapportProperties.class)
    static class Config {
    }

    @Test
    void withoutTheSettingThereIsNoReplica() {
        runner.run(c -> {
            RapportProperties.Db db = c.getBean(RapportProperties.class).db();
            assertThat(db.replicated()).isFalse();
            assertThat(new ReplicaRouting(null).present()).isFalse();
        });
        assertThat(new RapportProperties(null, null, null, 5, null, 0, 0, null, null, null).db().replicated()).isFalse();
    }

    @Test
    void theReplicaTakesThePrimarysUserAndPasswordUnlessItHasItsOwn() {
        runner.withPropertyValues("rapport.db.replica.url=jdbc:postgresql://standby.internal/rapport").run(c -> {
            RapportProperties.Db db = c.getBean(RapportProperties.class).db();
            assertThat(db.replicated()).isTrue();
            assertThat(db.replicaUser()).isEqualTo("rapport");
            assertThat(db.replicaPassword()).isEqualTo("secret");
        });
        runner.withPropertyValues("rapport.db.replica.url=jdbc:postgresql://standby.internal/rapport", "rapport.db.replica.user=reader",
                "rapport.db.replica.password=other").run(c -> {
                    RapportProperties.Db db = c.getBean(RapportProperties.class).db();
                    assertThat(db.replicaUser()).isEqualTo("reader");
                    assertThat(db.replicaPassword()).isEqualTo("other");
                });
    }

    @Test
    void theReplicasPoolIsReadOnlyAndStartsWithoutIt() {
        RapportProperties.Db db = new RapportProperties.Db("jdbc:postgresql://primary.internal/rapport", "rapport", "secret",
                new RapportProperties.Replica("jdbc:postgresql://standby.internal/rapport", null, null));
        try (HikariDataSource pool = DatabaseConfig.replicaPool(db, 6)) {
            assertThat(pool.isReadOnly()).isTrue();
            assertThat(pool.getConnectionInitSql()).isEqualTo("set session characteristics as transaction read only");
            assertThat(pool.getDataSourceProperties()).containsEntry("readOnlyMode", "always");
            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://standby.internal/rapport");
            assertThat(pool.getUsername()).isEqualTo("rapport");
            // an unreachable replica neither stops the start nor holds a page up for long
            assertThat(pool.getInitializationFailTimeout()).isNegative();
            assertThat(pool.getConnectionTimeout()).isLessThanOrEqualTo(1000);
        }
    }
}
