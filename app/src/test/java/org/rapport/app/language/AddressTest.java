package org.rapport.app.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each reader is addressed one way in each language (the rule: docs/TRANSLATING.md, "Who is addressed how"): a
 * pupil familiarly (tú, ty), a parent formally (usted; Pan/Pani or Państwo), a text that pupils, parents and staff all
 * read (the survey's own pages, the code slips, the error pages, the public "you said, we did" page) neither way, and
 * staff as Rapport's staff pages do (usted in Spanish; impersonally in Polish). Arabic speaks to one reader in the
 * singular, to a group only on the "you said" page, and writes its own comma, semicolon and question mark.
 *
 * <p>What a test can see are the words that only one form of address uses (tu, usted, Twój, Pani, رمزكم …); a verb
 * that reads the same in two forms ("vuelve": you return, or she returns) is left to the reviewer.
 */
class AddressTest {
    static final Path RESOURCES = Path.of("src/main/resources");

    /** Who reads a text. */
    enum Audience {
        PUPIL, PARENT, EVERYONE, STAFF
    }

    /** Texts a pupil alone reads: their own survey blocks, choosing their classes, the support box, a teacher's reply. */
    static final List<String> PUPIL = List.of("survey.block.PUPIL_", "survey.comment.PUPIL_", "survey.classes.", "survey.support.title",
            "survey.support.general",
            "survey.reply", "item.pt_", "item.ps_");
    /** Texts a parent alone reads: their survey block and the family letter. */
    static final List<String> PARENT = List.of("survey.block.PARENT_SCHOOL", "survey.comment.PARENT_SCHOOL", "letters.heading",
            "letters.body", "letters.scan", "letters.type", "letters.anonymous", "letters.youSaid", "item.pa_");
    /** A staff member's own survey blocks. */
    static final List<String> STAFF_SURVEY = List.of("survey.block.TEACHER_", "survey.block.LEADER_", "item.tc_", "item.tl_",
            "item.tp_", "item.ls_");
    /** Texts everyone reads: the survey's pages, the slips, the error pages, the public page (by key or key prefix). */
    static final List<String> EVERYONE = List.of("home.", "survey.", "error.", "codes.slip.", "codes.qr.", "scale.",
            "language.draftNotice", "skip.link", "yousaid.title", "yousaid.intro", "yousaid.none", "yousaid.withdrawnNow",
            "yousaid.heard", "yousaid.heard.title", "yousaid.weWill.title", "yousaid.byWhen.title", "yousaid.publishedOn",
            "yousaid.updatedOn", "yousaid.plain", "yousaid.plain.all", "yousaid.plain.none", "yousaid.quoted", "yousaid.survey");
    /** Texts that speak to the school's pupils, parents and staff together, so may say "you" in the plural. */
    static final List<String> TOGETHER = List.of("yousaid.title", "yousaid.intro", "yousaid.heard.title", "yousaid.survey",
            "yousaid.link", "yousaid.publish.title", "reply.link");

    static Audience audience(String key) {
        if (matches(key, PUPIL)) {
            return Audience.PUPIL;
        }
        if (matches(key, PARENT)) {
            return Audience.PARENT;
        }
        if (matches(key, STAFF_SURVEY)) {
            return Audience.STAFF;
        }
        return matches(key, EVERYONE) ? Audience.EVERYONE : Audience.STAFF;
    }

    private static boolean matches(String key, List<String> list) {
        return list.stream().anyMatch(p -> p.endsWith(".") || p.endsWith("_") ? key.startsWith(p) : key.equals(p));
    }

    // ---- the markers

    /** Spanish words only "tú" uses. */
    static final Pattern ES_TU = Pattern.compile("(?iU)\\b(tú|tu|tus|te|ti|contigo|puedes|tienes|quieres|necesitas|estás|eres|has|sabes"
            + "|prefieres|envíes|vuelvas|podrás|escribiste|marcaste|dejaste|empezaste|elige|compruébalo|acórtalo|termínala|cuéntaselo"
            + "|mira)\\b");
    /** Spanish words only "usted" uses (an imperative that is never a third person in these texts). */
    static final Pattern ES_USTED = Pattern.compile("(?iU)\\b(usted|ustedes|elija|escriba|compruebe|pregunte|revise|quítelo"
            + "|introduzca|díganos|escanee|imprima)\\b");
    /** Spanish words of the familiar plural (vosotros), for a group only. */
    static final Pattern ES_VOSOTROS = Pattern.compile("(?iU)\\b(vosotros|vosotras|vuestro|vuestra|vuestros|vuestras|os"
            + "|dijisteis)\\b");
    /** Polish words only "ty" uses: pronouns, possessives and verbs in the second person singular. */
    static final Pattern PL_TY = Pattern.compile("(?U)\\b([Tt]y|[Tt]wój|[Tt]woja|[Tt]woje|[Tt]wojego|[Tt]wojej|[Tt]wojemu|[Tt]woim"
            + "|[Tt]woich|[Tt]woimi|[Tt]woi|[Tt]obie|[Cc]iebie|[Tt]obą|[Cc]ię|Ci|[Mm]ożesz|[Mm]asz|[Jj]esteś|[Cc]hcesz|[Ww]olisz|[Mm]usisz"
            + "|[Ww]iesz|\\w+łeś|\\w+łaś|\\w+łbyś|[Ww]itaj)\\b|\\(-aś\\)");
    /**
     * Polish commands to "ty" and second-person verbs, looked for in sentences only: a button or a heading may be the
     * short command Polish interfaces use ("Zapisz", "Wyślij moje odpowiedzi").
     */
    static final Pattern PL_TY_COMMAND = Pattern.compile("(?U)\\b(\\w{2,}(esz|isz|ysz)|[Ww]pisz|[Ww]ybierz|[Ss]prawdź|[Ss]próbuj"
            + "|[Oo]dczekaj|[Pp]oproś|[Zz]aznacz|[Pp]orozmawiaj|[Zz]eskanuj|[Ww]ejdź|[Pp]owiedz|[Uu]suń|[Ss]króć|[Dd]okończ|[Ww]yznacz"
            + "|[Ss]kalibruj|[Pp]rzejrzyj|[Pp]opraw|[Zz]aloguj|[Uu]staw|[Zz]aproś|[Ww]graj|[Ww]ygeneruj|[Oo]twórz|[Zz]mień"
            + "|[Pp]rzywróć|[Ww]ydrukuj|[Rr]ozdaj|[Pp]ostępuj|[Dd]opilnuj|[Ss]cal|[Zz]astąp|[Zz]astępuj|[Pp]rzekaż|[Ww]yślij|[Pp]obierz"
            + "|[Pp]rzetłumacz|[Zz]aimportuj|[Zz]ostaw|[Rr]ób|[Ww]róć|[Zz]amknij|[Oo]dpowiedz|[Dd]odaj|[Uu]twórz|[Pp]rześlij|[Pp]odaj|[Ww]skaż|[Nn]azwij|[Kk]liknij|[Oo]bejrzyj)\\b");
    /** A sentence, not a label: it has a full stop, a question or exclamation mark, or a colon before more words. */
    static final Pattern SENTENCE = Pattern.compile("(?U)[.?!](\\s|$)|:\\s*\\w");
    /** Polish words of the formal address (Pan, Pani, Państwo). */
    static final Pattern PL_PANI = Pattern.compile("(?U)\\b(Pan|Pani|Pana|Panu|Panią|Panem|Państwo|Państwa|Państwu|Państwem)\\b");
    /** Arabic words that speak to several readers (your, you, the plural commands). */
    static final Pattern AR_PLURAL = Pattern.compile("(?U)\\b(أنتم|\\w*[\\w&&[^ح]]كم|قلتم\\w*|سمعتم|ا\\w+وا|ت\\w+وا|أخبرونا)\\b");
    /** Latin punctuation in Arabic prose: the comma, semicolon and question mark. */
    static final Pattern LATIN_PUNCTUATION = Pattern.compile("[,;?]");
    /** Arabic texts that show a line of a CSV file, whose commas are the file's own. */
    static final Set<String> CSV_SAMPLES = Set.of("roster.upload.staff", "roster.oneroster.names.help");

    /**
     * The words a pattern is made of, without its placeholders and plural syntax ({@code {0}}, {@code {1, plural, one
     * {# day} other {# days}}} leaves "day days"), nor what it quotes: «من فضلكم» is what a teacher says to a class.
     */
    static String prose(String pattern) {
        return pattern.replaceAll("«[^»]*»|“[^”]*”|„[^”]*”", " ").replaceAll("\\{\\d+(,\\s*\\w+)?}", " ").replaceAll("\\{\\d+,\\s*plural,", " ")
                .replaceAll("(zero|one|two|few|many|other|=\\d+)\\s*\\{", " ").replace("}", " ").replace("#", " ");
    }

    /** Which texts of a bundle say a word of this pattern to these readers: "key (audience): word". */
    static List<String> found(Properties bundle, Pattern pattern, Set<Audience> readers, boolean together) {
        return found(bundle, pattern, readers, together, false);
    }

    static List<String> found(Properties bundle, Pattern pattern, Set<Audience> readers, boolean together, boolean sentences) {
        List<String> faults = new ArrayList<>();
        for (String key : new TreeSet<>(bundle.stringPropertyNames())) {
            Audience audience = audience(key);
            if (!readers.contains(audience) || (!together && matches(key, TOGETHER))) {
                continue;
            }
            String prose = prose(bundle.getProperty(key));
            Matcher m = pattern.matcher(prose);
            if ((!sentences || SENTENCE.matcher(prose).find()) && m.find()) {
                faults.add(key + " (" + audience + "): " + m.group());
            }
        }
        return faults;
    }

    static Properties bundle(String tag) throws IOException {
        Properties all = new Properties();
        for (String basename : List.of("messages", "itembank/items")) {
            try (Reader in = new InputStreamReader(Files.newInputStream(RESOURCES.resolve(basename + "_" + tag + ".properties")),
                    StandardCharsets.UTF_8)) {
                all.load(in);
            }
        }
        return all;
    }

    @Test
    void spanishSpeaksToPupilsAsTuToParentsAsUstedToEveryoneNeitherWayAndToStaffAsUsted() throws IOException {
        Properties es = bundle("es");
        List<String> faults = new ArrayList<>();
        found(es, ES_USTED, Set.of(Audience.PUPIL, Audience.EVERYONE), true).forEach(f -> faults.add("usted: " + f));
        found(es, ES_TU, Set.of(Audience.PARENT, Audience.EVERYONE, Audience.STAFF), true).forEach(f -> faults.add("tú: " + f));
        found(es, ES_VOSOTROS, Set.of(Audience.values()), false).forEach(f -> faults.add("vosotros: " + f));
        assertThat(faults).isEmpty();
    }

    @Test
    void polishSpeaksToPupilsAsTyToParentsFormallyToEveryoneNeitherWayAndToStaffImpersonally() throws IOException {
        Properties pl = bundle("pl");
        List<String> faults = new ArrayList<>();
        found(pl, PL_PANI, Set.of(Audience.PUPIL, Audience.EVERYONE), true).forEach(f -> faults.add("Pan/Pani/Państwo: " + f));
        Set<Audience> notPupils = Set.of(Audience.PARENT, Audience.EVERYONE, Audience.STAFF);
        found(pl, PL_TY, notPupils, true).forEach(f -> faults.add("ty: " + f));
        found(pl, PL_TY_COMMAND, notPupils, true, true).forEach(f -> faults.add("ty (a command): " + f));
        assertThat(faults).isEmpty();
    }

    @Test
    void arabicSpeaksToOneReaderInTheSingularAndToAGroupOnlyWhereAllReadTogether() throws IOException {
        Properties ar = bundle("ar");
        assertThat(found(ar, AR_PLURAL, Set.of(Audience.values()), false)).isEmpty();
    }

    @Test
    void arabicProseUsesArabicCommasSemicolonsAndQuestionMarks() throws IOException {
        Properties ar = bundle("ar");
        List<String> faults = new ArrayList<>();
        for (String key : new TreeSet<>(ar.stringPropertyNames())) {
            Matcher m = LATIN_PUNCTUATION.matcher(prose(ar.getProperty(key)));
            if (!CSV_SAMPLES.contains(key) && m.find()) {
                faults.add(key + ": " + ar.getProperty(key));
            }
        }
        assertThat(faults).isEmpty();
    }

    @Test
    void theMarkersFindTheFormsTheyAreFor() {
        assertThat(ES_TU.matcher("Escribe tu código.").find()).isTrue();
        assertThat(ES_TU.matcher("Ya puedes cerrar esta página.").find()).isTrue();
        assertThat(ES_TU.matcher("Hay que escribir el código del papel.").find()).isFalse();
        assertThat(ES_USTED.matcher("Elija un periodo cerrado.").find()).isTrue();
        assertThat(ES_USTED.matcher("Solo usted puede ver esta página.").find()).isTrue();
        assertThat(ES_USTED.matcher("Puede que no las lea enseguida.").find()).isFalse();
        assertThat(PL_TY_COMMAND.matcher("Sprawdź go i spróbuj ponownie.").find()).isTrue();
        assertThat(PL_TY_COMMAND.matcher("Nie możesz tego zmienić.").find()).isTrue();
        assertThat(SENTENCE.matcher("Zapisz i dalej").find()).isFalse();
        assertThat(PL_TY.matcher("Twoje odpowiedzi są anonimowe.").find()).isTrue();
        assertThat(PL_TY.matcher("które wybrałeś(-aś).").find()).isTrue();
        assertThat(PL_TY_COMMAND.matcher("Proszę sprawdzić kod i spróbować ponownie.").find()).isFalse();
        assertThat(PL_TY.matcher("Nikt nie może tu odpowiedzieć.").find()).isFalse();
        assertThat(PL_PANI.matcher("O szkole Pana/Pani dziecka").find()).isTrue();
        assertThat(PL_PANI.matcher("Ankieta dla rodziców").find()).isFalse();
        assertThat(AR_PLURAL.matcher("امسحوا المربع: يُفتح الاستبيان ورمزكم مكتوب فيه.").find()).isTrue();
        assertThat(AR_PLURAL.matcher("امسح المربع: يُفتح الاستبيان ورمزك مكتوب فيه. لا تحكم. أولًا كم رمزًا").find()).isFalse();
        assertThat(SENTENCE.matcher(prose("Zaproś: {0}")).find()).isFalse();
        assertThat(SENTENCE.matcher(prose("Uwaga: {0} jest zamknięty")).find()).isTrue();
        assertThat(prose("{0, plural, one {# día} other {# días}}, {1}")).doesNotContain("{").contains(",");
    }

    @Test
    void everyKeyTheListsNameExists() throws IOException {
        Properties english = new Properties();
        for (String basename : List.of("messages", "itembank/items")) {
            try (Reader in = new InputStreamReader(Files.newInputStream(RESOURCES.resolve(basename + ".properties")), StandardCharsets.UTF_8)) {
                english.load(in);
            }
        }
        for (List<String> list : List.of(PUPIL, PARENT, STAFF_SURVEY, EVERYONE, TOGETHER)) {
            for (String entry : list) {
                assertThat(english.stringPropertyNames().stream().anyMatch(k -> matches(k, List.of(entry)))).as(entry).isTrue();
            }
        }
    }
}
