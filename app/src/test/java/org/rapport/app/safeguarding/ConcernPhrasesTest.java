package org.rapport.app.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcernPhrasesTest {
    static final List<String> PHRASES = List.of("hit me", "suicid*", "self harm*", "don't feel safe", "knife");

    @Test
    void wholeWordsInAnyCaseWithHyphensAndCurlyQuotes() {
        assertThat(ConcernPhrases.matches("My brother HIT ME yesterday", PHRASES)).containsExactly("hit me");
        assertThat(ConcernPhrases.matches("he hit  me\nagain", PHRASES)).containsExactly("hit me");
        assertThat(ConcernPhrases.matches("I have thought about self-harming", PHRASES)).containsExactly("self harm*");
        assertThat(ConcernPhrases.matches("I don’t feel safe at home", PHRASES)).containsExactly("don't feel safe");
        assertThat(ConcernPhrases.matches("feeling suicidal", PHRASES)).containsExactly("suicid*");
        assertThat(ConcernPhrases.matches("someone had a knife, and suicide was mentioned", PHRASES))
                .containsExactlyInAnyOrder("knife", "suicid*");
    }

    @Test
    void partsOfOtherWordsDoNotMatch() {
        assertThat(ConcernPhrases.matches("the white mess in the hall", PHRASES)).isEmpty();
        assertThat(ConcernPhrases.matches("a hitmen film", PHRASES)).isEmpty();
        assertThat(ConcernPhrases.matches("knives and forks; a penknife", PHRASES)).isEmpty();
        assertThat(ConcernPhrases.matches("lessons are great, thank you", PHRASES)).isEmpty();
    }

    @Test
    void theShippedListsAreValidAndMatchWhatTheyAreFor() {
        Map<String, List<String>> shipped = ConcernPhrases.shipped();
        assertThat(shipped).containsKey("en");
        for (List<String> list : shipped.values()) {
            assertThat(list).allSatisfy(p -> assertThat(p).matches(ConcernPhrases.PHRASE));
        }
        List<String> en = shipped.get("en");
        assertThat(ConcernPhrases.matches("My stepdad hits me when he is angry", en)).isNotEmpty();
        assertThat(ConcernPhrases.matches("Sometimes I want to die", en)).isNotEmpty();
        assertThat(ConcernPhrases.matches("I am being bullied on the bus", en)).isNotEmpty();
        assertThat(ConcernPhrases.matches("Maths is hard but Mr Hughes explains it well", en)).isEmpty();
        assertThat(ConcernPhrases.matches("I would like more time for homework", en)).isEmpty();
    }
}
