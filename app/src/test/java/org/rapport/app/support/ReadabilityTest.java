package org.rapport.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The readability measure on sentences whose grade is known by hand. */
class ReadabilityTest {
    @Test
    void countsSyllablesAsTheRuleOfThumbDoes() {
        assertThat(Readability.syllables("cat")).isEqualTo(1);
        assertThat(Readability.syllables("make")).isEqualTo(1);
        assertThat(Readability.syllables("table")).isEqualTo(2);
        assertThat(Readability.syllables("answers")).isEqualTo(2);
        assertThat(Readability.syllables("anonymous")).isEqualTo(4);
        assertThat(Readability.syllables("10")).isEqualTo(1);
    }

    @Test
    void gradesPlainAndHardSentences() {
        // 6 words, 6 syllables, 1 sentence: 0.39 · 6 + 11.8 · 1 − 15.59
        assertThat(Readability.grade("The cat sat on the mat.")).isCloseTo(0.39 * 6 + 11.8 - 15.59, within(1e-9));
        assertThat(Readability.grade("The numbers are shown only for groups large enough to keep everyone anonymous, and ten points "
                + "correspond to one standard deviation of the reference distribution.")).isGreaterThan(12);
    }
}
