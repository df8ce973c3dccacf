package org.rapport.app.config;

import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code rapport.*}. The database comes from RAPPORT_DB_URL, RAPPORT_DB_USER and
 * RAPPORT_DB_PASSWORD; without a URL Rapport runs its own embedded PostgreSQL in {@code dataDir}.
 */
@Validated
@ConfigurationProperties("rapport")
public record RapportProperties(
        Path dataDir,
        Db db,
        Demo demo,
        @Min(value = 3, message = "rapport.min-cell-size (RAPPORT_MIN_CELL_SIZE) can never be below 3") Integer minCellSize,
        String codeSecret,
        int failedCodesPerMinute,
        int unknownCodesPerMinute,
        Integer purgeGraceDays,
        Smtp smtp,
        Oidc oidc) {

    public RapportProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        db = db == null ? new Db(null, null, null, null) : db;
        demo = demo == null ? Demo.AUTO : demo;
        minCellSize = minCellSize == null ? 5 : minCellSize;
        failedCodesPerMinute = failedCodesPerMinute <= 0 ? 20 : failedCodesPerMinute;
        unknownCodesPerMinute = unknownCodesPerMinute <= 0 ? 600 : unknownCodesPerMinute;
        purgeGraceDays = purgeGraceDays == null || purgeGraceDays < 0 ? 7 : purgeGraceDays;
        smtp = smtp == null ? new Smtp(null, null, null, null, null, null) : smtp;
        oidc = oidc == null ? new Oidc(null, null, null, null) : oidc;
    }

    /**
     * An OpenID Connect provider staff may sign in with (RAPPORT_OIDC_ISSUER, _CLIENT_ID,
     * _CLIENT_SECRET, _NAME): Google Workspace (https://accounts.google.com), Microsoft Entra ID
     * (https://login.microsoftonline.com/TENANT/v2.0) or any standard provider.
     */
    public record Oidc(String issuer, String clientId, String clientSecret, String name) {
        public boolean configured() {
            return issuer != null && !issuer.isBlank() && clientId != null && !clientId.isBlank();
        }
    }

    /**
     * The SMTP server mail goes through (RAPPORT_SMTP_HOST, _PORT, _USER, _PASSWORD, _FROM, _STARTTLS);
     * without a host no mail is sent and links are shown to the admin to pass on.
     */
    public record Smtp(String host, Integer port, String user, String password, String from, Boolean starttls) {
        public boolean configured() {
            return host != null && !host.isBlank();
        }
    }

    /**
     * The database (RAPPORT_DB_URL, _USER, _PASSWORD) and, if set, a streaming replica of it that reports read from
     * (RAPPORT_DB_REPLICA_URL, _USER, _PASSWORD; the replica's user and password default to the primary's).
     */
    public record Db(String url, String user, String password, Replica replica) {
        public Db {
            replica = replica == null ? new Replica(null, null, null) : replica;
        }

        public boolean external() {
            return url != null && !url.isBlank();
        }

        /** Whether report reads may go to a replica. */
        public boolean replicated() {
            return replica.url() != null && !replica.url().isBlank();
        }

        /** The replica's user: its own if set, else the primary's. */
        public String replicaUser() {
            return replica.user() != null && !replica.user().isBlank() ? replica.user() : user;
        }

        /** The replica's password: its own if set, else the primary's. */
        public String replicaPassword() {
            return replica.password() != null && !replica.password().isBlank() ? replica.password() : password;
        }
    }

    /** A PostgreSQL hot standby of the database (docs/SCALING.md). */
    public record Replica(String url, String user, String password) {
    }

    /** Whether to load the demo network: AUTO loads it into an empty embedded database only. */
    public enum Demo { AUTO, ALWAYS, NEVER }
}
