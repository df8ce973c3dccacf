package org.rapport.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A list reads as the language around it writes one: "and" and "or" in that language, and no comma of another
 * language (an Arabic list had English commas: "Ms Patel, Mr Byrne").
 */
class ListsTest {
    static final IcuMessageSource MESSAGES = IcuMessageSource.of("messages");
    static final List<String> NAMES = List.of("Ms Patel", "Mr Byrne", "Ms Nowak");

    /** A page's locale, as the language resolver gives it (Western digits). */
    static Locale page(String tag) {
        return Locale.forLanguageTag(tag + "-u-nu-latn");
    }

    @Test
    void aListIsJoinedInTheReadersLanguage() {
        assertThat(Lists.and(NAMES).in(page("en"))).startsWith("Ms Patel, Mr Byrne").endsWith(" and Ms Nowak");
        assertThat(Lists.and(NAMES).in(page("es"))).isEqualTo("Ms Patel, Mr Byrne y Ms Nowak");
        assertThat(Lists.and(NAMES).in(page("pl"))).isEqualTo("Ms Patel, Mr Byrne i Ms Nowak");
        String arabic = Lists.and(List.of("أ. باتل", "أ. بيرن", "أ. نوفاك")).in(page("ar"));
        assertThat(arabic).as("Arabic joins with و, never with an English comma").contains("أ. باتل", "وأ. بيرن", "وأ. نوفاك")
                .doesNotContain(",");
        assertThat(Lists.or(List.of("«غالبًا»", "«دائمًا»")).in(page("ar"))).isEqualTo("«غالبًا» أو «دائمًا»");
        assertThat(Lists.or(List.of("“Often”", "“Always”")).in(page("en"))).isEqualTo("“Often” or “Always”");
        assertThat(Lists.or(List.of("«A menudo»", "«Siempre»", "«Bastante»", "«Mucho»")).in(page("es")))
                .isEqualTo("«A menudo», «Siempre», «Bastante» o «Mucho»");
        assertThat(Lists.and(List.of("7A")).in(page("ar"))).isEqualTo("7A");
    }

    @Test
    void aListGivenToATextIsSaidInTheLanguageTheTextIsReadIn() {
        Object[] args = {Lists.and(NAMES)};
        assertThat(MESSAGES.getMessage("firstday.lead.done", args, page("en"))).contains("Ms Patel, Mr Byrne").contains("and Ms Nowak");
        assertThat(MESSAGES.getMessage("firstday.lead.done", args, page("es"))).contains("Ms Patel, Mr Byrne y Ms Nowak");
        assertThat(MESSAGES.getMessage("firstday.lead.done", args, page("ar"))).contains("Ms Patel وMr Byrne وMs Nowak").doesNotContain(",");
        // an error carries its list until someone reads it: in English for a log, in Polish for a Polish page
        Text refused = new Text("people.retire.classes", Lists.and(List.of("7A", "7B")));
        assertThat(refused.english()).contains("7A and 7B");
        assertThat(refused.in(MESSAGES, page("pl"))).contains("7A i 7B");
    }
}
