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

    static final int[] FEW = {0, 1, 2, 5, 22};

    static List<String> counted(String key, String tag, Object... others) {
        List<String> out = new ArrayList<>();
        for (int n : FEW) {
            Object[] args = new Object[others.length + 1];
            args[0] = n;
            System.arraycopy(others, 0, args, 1, others.length);
            out.add(MESSAGES.getMessage(key, args, page(tag)));
        }
        return out;
    }

    @Test
    void countsThatWereSaidInOneFormAreSaidRightForZeroOneTwoFiveAndTwentyTwo() {
        assertThat(counted("codes.used", "en")).containsExactly("(0 codes already used)", "(1 code already used)", "(2 codes already used)",
                "(5 codes already used)", "(22 codes already used)");
        assertThat(counted("codes.used", "es")).containsExactly("(0 códigos ya usados)", "(1 código ya usado)", "(2 códigos ya usados)",
                "(5 códigos ya usados)", "(22 códigos ya usados)");
        assertThat(counted("codes.used", "pl")).containsExactly("(0 kodów już użytych)", "(1 kod już użyty)", "(2 kody już użyte)",
                "(5 kodów już użytych)", "(22 kody już użyte)");
        assertThat(counted("codes.used", "ar")).containsExactly("(لم يُستخدم أي رمز)", "(استُخدم رمز واحد)", "(استُخدم رمزان)",
                "(استُخدمت 5 رموز)", "(استُخدم 22 رمزًا)");

        assertThat(counted("summary.teacher.answered", "en")).containsExactly("0 pupils answered about you.", "1 pupil answered about you.",
                "2 pupils answered about you.", "5 pupils answered about you.", "22 pupils answered about you.");
        assertThat(counted("summary.teacher.answered", "es")).containsExactly("0 alumnos respondieron sobre usted.", "1 alumno respondió sobre usted.",
                "2 alumnos respondieron sobre usted.", "5 alumnos respondieron sobre usted.", "22 alumnos respondieron sobre usted.");
        assertThat(counted("summary.teacher.answered", "pl")).containsExactly("Odpowiedziało 0 uczniów.", "Odpowiedział 1 uczeń.",
                "Odpowiedzieli 2 uczniowie.", "Odpowiedziało 5 uczniów.", "Odpowiedzieli 22 uczniowie.");
        assertThat(counted("summary.teacher.answered", "ar")).containsExactly("لم يُجب عنك أي تلميذ.", "أجاب عنك تلميذ واحد.", "أجاب عنك تلميذان.",
                "أجاب عنك 5 تلاميذ.", "أجاب عنك 22 تلميذًا.");

        assertThat(counted("calibration.drift.clear", "en", "Summer")).containsExactly("No items were answered in Summer.",
                "The 1 item did not drift in Summer.", "None of 2 items drifted in Summer.", "None of 5 items drifted in Summer.",
                "None of 22 items drifted in Summer.");
        assertThat(counted("calibration.drift.clear", "es", "Verano")).containsExactly("No se respondió ningún ítem en Verano.",
                "El único ítem no derivó en Verano.", "Ninguno de los 2 ítems derivó en Verano.", "Ninguno de los 5 ítems derivó en Verano.",
                "Ninguno de los 22 ítems derivó en Verano.");
        assertThat(counted("calibration.drift.clear", "pl", "Lato")).containsExactly("Nie odpowiedziano na żadne pytanie w Lato.",
                "Jedyne pytanie nie dryfowało w Lato.", "Żadne z 2 pytań nie dryfowało w Lato.", "Żadne z 5 pytań nie dryfowało w Lato.",
                "Żadne z 22 pytań nie dryfowało w Lato.");
        assertThat(counted("calibration.drift.clear", "ar", "الصيف")).containsExactly("لم يُجب عن أي سؤال في الصيف.", "لم ينجرف السؤال الوحيد في الصيف.",
                "لم ينجرف أي من السؤالين في الصيف.", "لم ينجرف أي من الأسئلة الـ5 في الصيف.", "لم ينجرف أي من الأسئلة الـ22 في الصيف.");

        assertThat(MESSAGES.getMessage("window.rates.total", new Object[] {"Alumnado", 1, 28, "4%"}, page("es"))).isEqualTo("Alumnado: 1 de 28 respondió (4%)");
        assertThat(MESSAGES.getMessage("window.rates.total", new Object[] {"Alumnado", 22, 28, "79%"}, page("es"))).isEqualTo("Alumnado: 22 de 28 respondieron (79%)");

        Object[] reopen = {"9 Dec 2026 17:00", null};
        List<String> days = new ArrayList<>();
        for (String tag : List.of("en", "es", "pl", "ar")) {
            for (int n : FEW) {
                reopen[1] = (long) n;
                String text = MESSAGES.getMessage("window.close.reopen", reopen, page(tag));
                days.add(text.substring(text.indexOf('(') + 1, text.indexOf(')')));
            }
        }
        assertThat(days).containsExactly("0 days", "1 day", "2 days", "5 days", "22 days", "0 días", "1 día", "2 días", "5 días", "22 días",
                "0 dni", "1 dzień", "2 dni", "5 dni", "22 dni", "0 يوم", "يوم واحد", "يومان", "5 أيام", "22 يومًا");
    }

    /** A count that comes as its digits (a request parameter, a number written out by its caller) is said as that number. */
    @Test
    void aCountThatComesAsItsDigitsIsSaidAsTheNumber() {
        assertThat(MESSAGES.getMessage("codes.used", new Object[] {"1"}, page("en"))).isEqualTo("(1 code already used)");
        assertThat(MESSAGES.getMessage("codes.used", new Object[] {"22"}, page("pl"))).isEqualTo("(22 kody już użyte)");
        assertThat(MESSAGES.getMessage("yousaid.plain", new Object[] {"Belonging", "1", "“Often” or “Always”"}, page("en")))
                .isEqualTo("Belonging: about 1 in 10 answers was “Often” or “Always”.");
        assertThat(MESSAGES.getMessage("teacher.title", new Object[] {"7"}, page("en"))).as("a name that is digits stays a name").isEqualTo("My pupils' feedback: 7");
    }

    /** English words a count names, singular and plural. */
    static final java.util.regex.Pattern ONE_WITH_PLURAL = java.util.regex.Pattern.compile(
            "(?<![\\d.,])1 (?:[a-z]+ )?(?:" + "days|hours|minutes|items|codes|comments|schools|pupils|teachers|leaders|answers|texts|languages|comparisons"
                    + "|links|goals|sets|people|classes|questions|characters|steps|members|problems)\\b");
    static final java.util.regex.Pattern MANY_WITH_SINGULAR = java.util.regex.Pattern.compile(
            "(?<![\\d.,])(?:0|2|5|22) (?:[a-z]+ )?(?:" + "day|hour|minute|item|code|comment|school|pupil|teacher|leader|answer|text|language|comparison"
                    + "|link|goal|set|person|class|question|character|step|member|problem)\\b(?!'| sets?\\b)");

    /** Every counting text, in every language, says 0, 1, 2, 5 and 22 without failing; in English never "1 items" nor "5 item". */
    @Test
    void everyCountingTextSaysEveryCountInEveryLanguage() throws java.io.IOException {
        List<String> faults = new ArrayList<>();
        for (String tag : List.of("en", "es", "pl", "ar")) {
            java.util.Properties bundle = BundlesTest.load(BundlesTest.RESOURCES.resolve("messages" + (tag.equals("en") ? "" : "_" + tag) + ".properties"));
            for (String key : new java.util.TreeSet<>(BundlesTest.COUNTS.keySet())) {
                java.util.Set<Integer> counts = BundlesTest.plurals(bundle.getProperty(key)).keySet();
                for (int n : FEW) {
                    Object[] args = {"Anna", "Hillcrest", "https://rapport.example", "7", "8"};
                    counts.forEach(i -> args[i] = n);
                    String text;
                    try {
                        text = MESSAGES.getMessage(key, args, page(tag));
                    } catch (IllegalArgumentException e) {
                        faults.add(tag + " " + key + " " + n + ": " + e.getMessage());
                        continue;
                    }
                    if (text.contains("{") || text.contains("#")) {
                        faults.add(tag + " " + key + " " + n + ": " + text);
                    }
                    if (tag.equals("en") && (n == 1 ? ONE_WITH_PLURAL : MANY_WITH_SINGULAR).matcher(text).find()) {
                        faults.add(key + " " + n + ": " + text);
                    }
                }
            }
        }
        assertThat(faults).isEmpty();
        assertThat(ONE_WITH_PLURAL.matcher("None of 1 items drifted").find()).isTrue();
        assertThat(MANY_WITH_SINGULAR.matcher("for 5 day").find()).isTrue();
    }
}
