package org.rapport.app.support;

import java.nio.file.Path;
import org.rapport.app.demo.DemoNetwork;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo network, loaded once into the shared test database (its e-mail addresses are unique). */
public final class DemoFixture {
    private static Long network;

    private DemoFixture() {
    }

    public static synchronized long network(DemoNetwork demo, JdbcClient jdbc) throws Exception {
        if (network == null) {
            demo.load(Path.of("target", "demo-test"));
            network = jdbc.sql("select id from network where name = 'Riverside Learning Trust' order by id desc limit 1")
                    .query(Long.class).single();
        }
        return network;
    }
}
