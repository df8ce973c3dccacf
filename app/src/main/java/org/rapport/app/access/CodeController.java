package org.rapport.app.access;

import java.util.List;
import java.util.Locale;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.language.Language;
import org.rapport.app.language.Languages;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.window.WindowAccess;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The printable sheet of a group's codes, made from the window's page. */
@Controller
class CodeController {
    private final CodeService codes;
    private final WindowAccess windowAccess;
    private final CodeMail mail;
    private final Languages languages;
    private final Schools schools;
    private final MessageSource messages;
    private final org.rapport.app.school.SchoolSettings settings;
    private final org.rapport.app.web.PublicUrl publicUrl;

    CodeController(CodeService codes, WindowAccess windowAccess, CodeMail mail, Languages languages, Schools schools, MessageSource messages,
                   org.rapport.app.school.SchoolSettings settings, org.rapport.app.web.PublicUrl publicUrl) {
        this.settings = settings;
        this.publicUrl = publicUrl;
        this.languages = languages;
        this.schools = schools;
        this.messages = messages;
        this.codes = codes;
        this.windowAccess = windowAccess;
        this.mail = mail;
    }

    /** Teacher or leader codes, one e-mail each; back to the window page with how many went. */
    @PostMapping("/staff/windows/{windowId}/codes/mail")
    String mail(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "") String role) {
        windowAccess.manage(user, windowId);
        int sent = mail.mail(user, windowId, role(role));
        return "redirect:/staff/windows/" + windowId + "?mailed=" + sent;
    }

    /** A reminder to each teacher (or leader) whose e-mailed code is unused; back to the window page with how many went. */
    @PostMapping("/staff/windows/{windowId}/codes/remind")
    String remind(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "") String role) {
        windowAccess.manage(user, windowId);
        int sent = mail.remind(user, windowId, role(role));
        return "redirect:/staff/windows/" + windowId + "?reminded=" + sent;
    }

    /**
     * Family letters to take home, each with its code and a QR code that opens the survey with the code
     * filled in, in the family's language where the roster says how many families of a class read which
     * (the rest, and any language Rapport does not offer, in English).
     */
    @PostMapping("/staff/windows/{windowId}/letters")
    String letters(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                   @RequestParam(name = "classes", required = false) List<Long> classIds, Model model) {
        WindowAccess.Scope scope = windowAccess.manage(user, windowId);
        CodeService.Batch batch = codes.generate(scope.window(), RespondentRole.PARENT, classIds);
        String base = base();
        Language english = languages.of(Locale.ENGLISH);
        List<Letter> letters = new java.util.ArrayList<>();
        for (CodeService.Group g : batch.groups()) {
            java.util.Iterator<Language> language = familyLanguages(g.classId(), g.slips().size(), english).iterator();
            for (CodeService.Slip s : g.slips()) {
                Language l = language.next();
                // in another language the link chooses it (?lang=); the code stays after '#', which the server never sees
                String link = (l.tag().equals(english.tag()) ? base + "/" : base + "/?lang=" + l.tag()) + "#code=" + s.formatted();
                Locale locale = l.locale();
                letters.add(new Letter(g.name(), s.formatted(), QrCode.svg(link, "QR code of the survey link with code " + s.formatted()), l,
                        messages.getMessage("letters.heading", new Object[] {scope.school().name()}, locale),
                        messages.getMessage("letters.body", new Object[] {scope.window().name()}, locale),
                        messages.getMessage("letters.scan", null, locale),
                        messages.getMessage("letters.type", new Object[] {base}, locale),
                        messages.getMessage("letters.anonymous", null, locale), messages.getMessage("letters.youSaid", null, locale)));
            }
        }
        model.addAttribute("letters", letters);
        model.addAttribute("school", scope.school());
        model.addAttribute("window", scope.window());
        model.addAttribute("surveyUrl", base);
        youSaid(model, scope.school().id(), base);
        return "staff/letters";
    }

    /** The language of each of a class's letters: as many as the roster says read each language, then English. */
    private List<Language> familyLanguages(Long classId, int letters, Language english) {
        List<Language> out = new java.util.ArrayList<>();
        if (classId != null) {
            schools.findClass(classId).ifPresent(c -> c.familyLanguageCounts().forEach((tag, families) -> {
                Language l = languages.find(tag).orElse(english);
                for (int i = 0; i < families && out.size() < letters; i++) {
                    out.add(l);
                }
            }));
        }
        while (out.size() < letters) {
            out.add(english);
        }
        return out;
    }

    /** One family's letter, in its language. */
    public record Letter(String group, String code, String qr, Language language, String heading, String body, String scan, String type,
                         String anonymous, String youSaid) {
    }

    /** What the school did after the last survey, where it has published it: its address and QR code, for letters and slips. */
    private void youSaid(Model model, long schoolId, String base) {
        settings.existingPublicKey(schoolId).ifPresent(key -> {
            String address = base + "/you-said/" + key;
            model.addAttribute("youSaidUrl", address);
            model.addAttribute("youSaidQr", QrCode.svg(address, "QR code of the address " + address));
        });
    }

    /** The address this server is reached at, for links in letters, slips and e-mails: the configured one, never the request's. */
    private String base() {
        return publicUrl.base();
    }

    static RespondentRole role(String role) {
        try {
            return RespondentRole.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "choose pupil, parent, teacher or leader codes");
        }
    }

    @PostMapping("/staff/windows/{windowId}/codes")
    String generate(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "") String role,
                    @RequestParam(name = "classes", required = false) List<Long> classIds, Model model) {
        WindowAccess.Scope scope = windowAccess.manage(user, windowId);
        model.addAttribute("batch", codes.generate(scope.window(), role(role), classIds));
        model.addAttribute("school", scope.school());
        model.addAttribute("window", scope.window());
        model.addAttribute("surveyUrl", base());
        youSaid(model, scope.school().id(), base());
        return "staff/codes";
    }
}
