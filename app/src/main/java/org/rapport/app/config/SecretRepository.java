package org.rapport.app.config;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the table app_secret. */
@Repository
class SecretRepository {
    private final JdbcClient jdbc;

    SecretRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the value unless the name has one already; returns the value the name has. */
    String putIfAbsent(String name, String value) {
        jdbc.sql("insert into app_secret (name, value) values (?, ?) on conflict (name) do nothing").params(name, value).update();
        return jdbc.sql("select value from app_secret where name = ?").param(name).query(String.class).single();
    }
}
