package org.rapport.app.language;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rapport.app.web.IcuMessageSource;
import org.rapport.app.web.Text;

/**
 * Counts are said in each language's plural forms (English "1 school", Polish "2 szkoły" but "5 szkół", Arabic six
 * forms), decimals with the language's separator, and every text without a count reads exactly as it did.
 */
class PluralMessagesTest {
    static final IcuMessageSource MESSAGES = IcuMessageSource.of("messages");
    static final int[] COUNTS = {0, 1, 2, 3, 5, 11, 22, 101};

    /** A page's locale, as {@link Language#locale()} gives it. */
    static Locale page(String tag) {
        return Locale.forLanguageTag(tag + "-u-nu-latn");
    }

    static List<String> said(String key, String tag, Object first) {
        List<String> out = new ArrayList<>();
        for (int n : COUNTS) {
            Object[] args = first == null ? new Object[] {n, "500"} : new Object[] {first, n};
            out.add(MESSAGES.getMessage(key, args, page(tag)));
        }
        return out;
    }

    @Test
    void theCommentCounterSaysTheCountInEachLanguagesPluralForm() {
        assertThat(said("survey.comment.left", "en", null)).containsExactly("0 characters left of 500", "1 character left of 500",
                "2 characters left of 500", "3 characters left of 500", "5 characters left of 500", "11 characters left of 500",
                "22 characters left of 500", "101 characters left of 500");
        assertThat(said("survey.comment.left", "es", null)).containsExactly("Quedan 0 caracteres de 500", "Queda 1 carácter de 500",
                "Quedan 2 caracteres de 500", "Quedan 3 caracteres de 500", "Quedan 5 caracteres de 500", "Quedan 11 caracteres de 500",
                "Quedan 22 caracteres de 500", "Quedan 101 caracteres de 500");
        assertThat(said("survey.comment.left", "pl", null)).containsExactly("Pozostało 0 znaków z 500", "Pozostał 1 znak z 500",
                "Pozostały 2 znaki z 500", "Pozostały 3 znaki z 500", "Pozostało 5 znaków z 500", "Pozostało 11 znaków z 500",
                "Pozostały 22 znaki z 500", "Pozostało 101 znaków z 500");
        assertThat(said("survey.comment.left", "ar", null)).containsExactly("لم يبقَ أي حرف من 500", "بقي حرف واحد من 500",
                "بقي حرفان من 500", "بقيت 3 أحرف من 500", "بقيت 5 أحرف من 500", "بقي 11 حرفًا من 500", "بقي 22 حرفًا من 500",
                "بقي 101 حرف من 500");
    }

    @Test
    void aNetworksSchoolsAreCountedInEachLanguagesPluralForm() {
        assertThat(said("network.context", "en", "Trust")).containsExactly("Trust: 0 schools", "Trust: 1 school", "Trust: 2 schools",
                "Trust: 3 schools", "Trust: 5 schools", "Trust: 11 schools", "Trust: 22 schools", "Trust: 101 schools");
        assertThat(said("network.context", "es", "Red")).containsExactly("Red: 0 centros", "Red: 1 centro", "Red: 2 centros",
                "Red: 3 centros", "Red: 5 centros", "Red: 11 centros", "Red: 22 centros", "Red: 101 centros");
        assertThat(said("network.context", "pl", "Sieć")).containsExactly("Sieć: 0 szkół", "Sieć: 1 szkoła", "Sieć: 2 szkoły",
                "Sieć: 3 szkoły", "Sieć: 5 szkół", "Sieć: 11 szkół", "Sieć: 22 szkoły", "Sieć: 101 szkół");
        assertThat(said("network.context", "ar", "شبكة")).containsExactly("شبكة: لا مدارس", "شبكة: مدرسة واحدة", "شبكة: مدرستان",
                "شبكة: 3 مدارس", "شبكة: 5 مدارس", "شبكة: 11 مدرسةً", "شبكة: 22 مدرسةً", "شبكة: 101 مدرسة");
    }

    @Test
    void aMillionTakesSpanishsManyForm() {
        assertThat(MESSAGES.getMessage("network.context", new Object[] {"Red", 1_000_000}, page("es"))).isEqualTo("Red: 1.000.000 de centros");
    }

    @Test
    void theEnglishOfAnErrorSaysItsCountInEnglish() {
        assertThat(new Text("survey.classes.tooMany", 1).english()).isEqualTo("Please choose at most 1 class: nobody in your group has more.");
        assertThat(new Text("survey.classes.tooMany", 4).english()).isEqualTo("Please choose at most 4 classes: nobody in your group has more.");
    }

    @Test
    void decimalsHaveTheLanguagesSeparatorAndWesternDigits() {
        Object[] args = {0.25, 1.5};
        assertThat(MESSAGES.getMessage("calibration.drift.moved", args, page("en"))).isEqualTo("0.25 ± 1.5");
        assertThat(MESSAGES.getMessage("calibration.drift.moved", args, page("es"))).isEqualTo("0,25 ± 1,5");
        assertThat(MESSAGES.getMessage("calibration.drift.moved", args, page("pl"))).isEqualTo("0,25 ± 1,5");
        assertThat(MESSAGES.getMessage("calibration.drift.moved", args, page("ar"))).isEqualTo("0.25 ± 1.5");
        assertThat(MESSAGES.getMessage("self.team.points", new Object[] {51L, 12}, page("ar"))).isEqualTo("51 (12 قائدًا)");
    }

    @Test
    void textsWithoutACountReadAsBefore() throws java.io.IOException {
        assertThat(MESSAGES.getMessage("home.lead", null, page("en")))
                .isEqualTo("Type the code from your slip of paper. You don't need a name or an e-mail address, and nobody can see who gave which answers.");
        assertThat(MESSAGES.getMessage("teacher.title", new Object[] {"Ms Okafor"}, page("en"))).isEqualTo("My pupils' feedback: Ms Okafor");
        assertThat(MESSAGES.getMessage("teacher.readOnly", new Object[] {"Ms Okafor"}, page("en")))
                .isEqualTo("Ms Okafor shared this report with the school's leaders.");
        assertThat(MESSAGES.getMessage("teacher.title", new Object[] {"Pani Nowak"}, page("pl"))).isEqualTo("Opinie moich uczniów: Pani Nowak");
        assertThat(MESSAGES.getMessage("survey.progress", new Object[] {2, 7}, page("ar"))).isEqualTo(
                new java.text.MessageFormat(BundlesTest.load(BundlesTest.RESOURCES.resolve("messages_ar.properties")).getProperty("survey.progress"), page("ar")).format(new Object[] {2, 7}));
        assertThat(MESSAGES.getMessage("retention.window.deleted", new Object[] {java.time.LocalDate.of(2026, 12, 7)}, page("es")))
                .contains("2026-12-07").doesNotContain("7/12/26");
        assertThat(MESSAGES.getMessage("people.staffId.change", new Object[] {"Ana", "T1", "T2"}, page("en")))
                .isEqualTo("Ana's staff id changes from T1 to T2.");
    }

    @Test
    void theCounterHasATemplateForEachPluralFormOfTheLanguage() throws Exception {
        Map<String, String> english = new ObjectMapper().readValue(PluralTemplates.of(MESSAGES, "survey.comment.left", page("en"), "{1}"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        assertThat(english).isEqualTo(Map.of("one", "{0} character left of {1}", "other", "{0} characters left of {1}"));
        Map<String, String> arabic = new ObjectMapper().readValue(PluralTemplates.of(MESSAGES, "survey.comment.left", page("ar"), "{1}"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        assertThat(arabic).containsOnlyKeys("zero", "one", "two", "few", "many", "other");
        assertThat(arabic.get("few")).isEqualTo("بقيت {0} أحرف من {1}");
        assertThat(arabic.get("many")).isEqualTo("بقي {0} حرفًا من {1}");
        assertThat(arabic.get("two")).isEqualTo("بقي حرفان من {1}");
        Map<String, String> polish = new ObjectMapper().readValue(PluralTemplates.of(MESSAGES, "survey.comment.left", page("pl"), "{1}"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        assertThat(polish).containsEntry("few", "Pozostały {0} znaki z {1}").containsEntry("many", "Pozostało {0} znaków z {1}");
    }
}
