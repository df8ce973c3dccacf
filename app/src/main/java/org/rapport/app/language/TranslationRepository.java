package org.rapport.app.language;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owns the table translation: a network's own texts of a language, by key, as message patterns. */
@Repository
class TranslationRepository {
    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    TranslationRepository(JdbcClient jdbc, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    Map<String, String> texts(long networkId, String language) {
        Map<String, String> out = new HashMap<>();
        jdbc.sql("select key, text from translation where network_id = ? and language = ?").params(networkId, language)
                .query(rs -> {
                    out.put(rs.getString(1), rs.getString(2));
                });
        return out;
    }

    /** Replaces the network's texts of a language with these. */
    void replace(long networkId, String language, Map<String, String> texts, long importedBy) {
        jdbc.sql("delete from translation where network_id = ? and language = ?").params(networkId, language).update();
        Instant now = clock.instant();
        for (Map.Entry<String, String> t : texts.entrySet()) {
            jdbc.sql("insert into translation (network_id, language, key, text, imported_at, imported_by) values (?, ?, ?, ?, ?, ?)")
                    .params(networkId, language, t.getKey(), t.getValue(), java.sql.Timestamp.from(now), importedBy).update();
        }
    }

    /** A language a network imported: its tag, its own name, direction and status, and when. */
    record Imported(long networkId, String language, String name, String direction, String status, Instant importedAt) {
    }

    List<Imported> imported() {
        return jdbc.sql("""
                select network_id, language, max(text) filter (where key = 'language.name'), max(text) filter (where key = 'language.direction'),
                       max(text) filter (where key = 'language.status'), max(imported_at)
                from translation where key in ('language.name', 'language.direction', 'language.status')
                group by network_id, language order by language, network_id""")
                .query((rs, n) -> new Imported(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant())).list();
    }

    /** Translations {@code from} imported are {@code into}'s. */
    void moveImporter(long from, long into) {
        jdbc.sql("update translation set imported_by = ? where imported_by = ?").params(into, from).update();
    }
}
