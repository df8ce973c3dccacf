package org.rapport.app.config;

import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Server secrets generated at first start when none is configured; owns the table app_secret. */
@Repository
public class AppSecrets {
    private final JdbcClient jdbc;

    public AppSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The secret called {@code name}; the first instance to ask stores {@code fresh}, every later one reads it. */
    public String getOrCreate(String name, Supplier<String> fresh) {
        jdbc.sql("insert into app_secret (name, value) values (?, ?) on conflict (name) do nothing").params(name, fresh.get()).update();
        return jdbc.sql("select value from app_secret where name = ?").param(name).query(String.class).single();
    }
}
