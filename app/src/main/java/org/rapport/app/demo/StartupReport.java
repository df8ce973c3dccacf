package org.rapport.app.demo;

import java.io.IOException;
import org.rapport.app.config.DatabaseConfig;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.school.AccountLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Loads the demo network when asked to, and tells the person who started Rapport where to go. */
@Component
public class StartupReport {
    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);
    private final DemoNetwork demo;
    private final RapportProperties properties;
    private final DatabaseConfig.EmbeddedDatabase embedded;
    private final AccountLinks links;

    public StartupReport(DemoNetwork demo, RapportProperties properties, DatabaseConfig.EmbeddedDatabase embedded, AccountLinks links) {
        this.links = links;
        this.demo = demo;
        this.properties = properties;
        this.embedded = embedded;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) throws IOException {
        boolean wanted = switch (properties.demo()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> embedded.running();
        };
        DemoNetwork.Loaded loaded = null;
        boolean present = demo.present();
        if (wanted && !present) {
            log.info("Making the demo network through the application: three schools, thirty classes, two windows answered through the survey...");
            loaded = demo.load(properties.dataDir().toAbsolutePath());
        }
        int port = event.getApplicationContext() instanceof WebServerApplicationContext w ? w.getWebServer().getPort() : 8080;
        StringBuilder sb = new StringBuilder("\n\n  Rapport is running at http://localhost:" + port + "/\n");
        sb.append("  Database: ").append(embedded.running()
                ? "embedded PostgreSQL, data in " + properties.dataDir().toAbsolutePath().resolve("postgres")
                : "PostgreSQL at RAPPORT_DB_URL").append('\n');
        if (loaded != null || (wanted && present)) {
            sb.append("\n  Demo logins (password for all: ").append(DemoNetwork.PASSWORD).append("):\n");
            for (DemoNetwork.Login l : demo.logins()) {
                sb.append(String.format("    %-26s %-20s %s%n", l.email(), l.school(), l.role()));
            }
            if (loaded != null) {
                sb.append("\n  Survey codes for the open window (more in ").append(loaded.codesFile()).append("):\n");
                loaded.sampleCodes().forEach((group, codes) -> sb.append("    ").append(group).append(": ")
                        .append(String.join("  ", codes)).append('\n'));
            } else {
                sb.append("  Survey codes for the open window: ")
                        .append(properties.dataDir().toAbsolutePath().resolve("demo-codes.csv")).append('\n');
            }
        }
        if (loaded == null && !demo.present()) {
            // an empty database: the one way in is a link only the person at this console sees
            sb.append("\n  No network yet. Set Rapport up (this link works once; a restart makes a new one):\n    http://localhost:")
                    .append(port).append("/setup?token=").append(links.newSetupToken()).append('\n');
        }
        log.info(sb.toString());
    }
}
