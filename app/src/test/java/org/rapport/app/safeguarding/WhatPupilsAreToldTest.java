package org.rapport.app.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What the comment box tells a pupil about a disclosure matches what Rapport does, in every language:
 * it is passed on when the answers are sent (the lead's page and e-mail), but nobody can promise it is
 * read at once (the lead may be away; the admins hear of it only after the school's escalation time).
 */
class WhatPupilsAreToldTest {
    /** By bundle: the old promise that it is read straight away, and the plain truth that replaces it. */
    static final Map<String, String[]> TEXTS = Map.of(
            "messages.properties", new String[] {"reads it straight away", "may not read them straight away"},
            "messages_es.properties", new String[] {"lo lee enseguida", "Puede que no las lea enseguida"},
            "messages_pl.properties", new String[] {"przeczyta to od razu", "może nie przeczytać ich od razu"},
            "messages_ar.properties", new String[] {"يقرأ ذلك فورًا", "قد لا يقرؤها فورًا"});

    static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(Files.newInputStream(Path.of("src/main/resources", file)), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void noLanguagePromisesThatADisclosureIsReadAtOnce() throws IOException {
        try (var files = Files.list(Path.of("src/main/resources"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("messages")).toList())
                    .as("every language is checked").containsExactlyInAnyOrderElementsOf(TEXTS.keySet());
        }
        for (Map.Entry<String, String[]> e : TEXTS.entrySet()) {
            String hint = load(e.getKey()).getProperty("survey.comment.hint");
            assertThat(hint).as(e.getKey()).doesNotContain(e.getValue()[0]).contains(e.getValue()[1]);
        }
    }
}
