package org.rapport.app.language;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.NotFoundException;
import org.rapport.app.web.Text;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The translators' page of a network: the languages, a file to translate, a translated file back, and a preview of the survey. */
@Controller
class TranslationController {
    private final Translations translations;
    private final Languages languages;
    private final ItemBank bank;
    private final MessageSource messages;

    TranslationController(Translations translations, Languages languages, ItemBank bank, MessageSource messages) {
        this.translations = translations;
        this.languages = languages;
        this.bank = bank;
        this.messages = messages;
    }

    @GetMapping("/staff/translations")
    String page(@AuthenticationPrincipal StaffUser user, @RequestParam(name = "texts", required = false) Integer texts, Model model) {
        // the number of texts an import brought, a number so that the notice says it in the language's plural form
        model.addAttribute("importedTexts", texts == null ? 0 : texts);
        model.addAttribute("own", translations.ownLanguages(user));
        model.addAttribute("offered", languages.all().stream().filter(l -> !l.tag().equals(Languages.SOURCE)).toList());
        return "staff/translations";
    }

    /** The file to translate, as a download. */
    @GetMapping(value = "/staff/translations/export", produces = "text/csv")
    org.springframework.http.ResponseEntity<String> export(@AuthenticationPrincipal StaffUser user, @RequestParam(defaultValue = "") String language) {
        String csv = translations.export(user, language);
        return org.springframework.http.ResponseEntity.ok()
                .contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rapport-" + Translations.tag(language) + ".csv\"")
                .body(csv);
    }

    @PostMapping("/staff/translations/import")
    String importFile(@AuthenticationPrincipal StaffUser user, @RequestParam(defaultValue = "") String language,
                      @RequestParam(name = "file", required = false) MultipartFile file, Model model,
                      jakarta.servlet.http.HttpServletResponse response) throws IOException {
        Translations.requireNetworkAdmin(user);
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInputException("file", new Text("translations.noFile"));
            }
            int texts = translations.importFile(user, language, file.getBytes());
            return "redirect:/staff/translations?imported=" + Translations.tag(language) + "&texts=" + texts;
        } catch (Translations.TranslationFileException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("faults", e.faults());
            model.addAttribute("importLanguage", language);
            return page(user, null, model);
        }
    }

    /** One block of the survey as a respondent would read it, every question of it. */
    public record Block(String title, String comment, List<Question> questions) {
    }

    public record Question(String text, List<String> options) {
    }

    @GetMapping("/staff/translations/{language}/preview")
    String preview(@AuthenticationPrincipal StaffUser user, @PathVariable String language, Model model) {
        Translations.requireNetworkAdmin(user);
        Language target = languages.find(language).orElseThrow(() -> new NotFoundException("no language " + language));
        Locale locale = target.locale();
        Object[] name = {user.name()};
        List<Block> blocks = new ArrayList<>();
        for (Relationship r : Relationship.values()) {
            List<Question> questions = new ArrayList<>();
            for (List<Item> facet : bank.facets(r).values()) {
                for (Item item : facet) {
                    List<String> options = new ArrayList<>();
                    for (int v = 0; v <= Item.MAX_VALUE; v++) {
                        options.add(messages.getMessage(item.optionKey(v), null, locale));
                    }
                    questions.add(new Question(messages.getMessage(item.textKey(), name, locale), options));
                }
            }
            String comment = r.takesComments() || r.takesSchoolComments()
                    ? messages.getMessage("survey.comment." + r.name(), name, null, locale) : null;
            blocks.add(new Block(messages.getMessage("survey.block." + r.name(), name, locale), comment, questions));
        }
        model.addAttribute("target", target);
        model.addAttribute("blocks", blocks);
        model.addAttribute("texts", List.of("home.heading", "home.lead", "home.code.label", "home.code.hint", "home.privacy", "survey.hint",
                "survey.comment.hint", "survey.finish.title", "survey.finish.note", "survey.thanks.saved", "survey.support.general",
                "survey.error.codeUnknown", "survey.error.codeUsed", "letters.heading", "letters.body", "letters.scan", "letters.anonymous")
                .stream().map(k -> messages.getMessage(k, new Object[] {user.name()}, locale)).toList());
        return "staff/translation-preview";
    }
}
