package org.rapport.app.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one database: the PostgreSQL server named by RAPPORT_DB_URL, or else an embedded PostgreSQL
 * whose files live in {@code rapport.data-dir}/postgres, so that a restart keeps every answer.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {
    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(RapportProperties properties) throws IOException {
        if (properties.db().external()) {
            return new EmbeddedDatabase(null);
        }
        Path dir = properties.dataDir().toAbsolutePath().resolve("postgres");
        Files.createDirectories(dir);
        log.info("Starting embedded PostgreSQL with its data in {}", dir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        return new EmbeddedDatabase(postgres);
    }

    @Bean
    DataSource dataSource(RapportProperties properties, EmbeddedDatabase embedded) {
        HikariDataSource ds = new HikariDataSource();
        if (properties.db().external()) {
            ds.setJdbcUrl(properties.db().url());
            ds.setUsername(properties.db().user());
            ds.setPassword(properties.db().password());
        } else {
            ds.setJdbcUrl(embedded.postgres().getJdbcUrl("postgres", "postgres"));
            ds.setUsername("postgres");
        }
        ds.setMaximumPoolSize(10);
        ds.setPoolName("rapport");
        return ds;
    }

    /** Holds the embedded server, if any, and stops it on shutdown. */
    public record EmbeddedDatabase(EmbeddedPostgres postgres) implements AutoCloseable {
        public boolean running() {
            return postgres != null;
        }

        @Override
        public void close() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
