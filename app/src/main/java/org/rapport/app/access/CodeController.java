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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The printable sheets of a window's codes and its family letters, made from the window's page, and
 * replacing a group's codes in two steps (what it voids, then confirmed).
 */
@Controller
class CodeController {
    private final CodeService codes;
    private final WindowAccess windowAccess;
    private final CodeMail mail;
    private final Languages languages;
    private final Schools schools;
    private final MessageSource messages;
    private final PublishedPages publishedPages;
    private final org.rapport.app.web.PublicUrl publicUrl;

    CodeController(CodeService codes, WindowAccess windowAccess, CodeMail mail, Languages languages, Schools schools, MessageSource messages,
                   PublishedPages publishedPages, org.rapport.app.web.PublicUrl publicUrl) {
        this.publishedPages = publishedPages;
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
                letters.add(new Letter(g.name(), s.formatted(), QrCode.svg(link, messages.getMessage("codes.qr.survey", new Object[] {s.formatted()}, locale)), l,
                        messages.getMessage("letters.heading", new Object[] {scope.school().name()}, locale),
                        messages.getMessage("letters.body", new Object[] {scope.window().name()}, locale),
                        messages.getMessage("letters.scan", null, locale),
                        messages.getMessage("letters.type", new Object[] {ltr(base)}, locale),
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
        // only while a page is shown: a withdrawn one was still pointed to from every slip and letter (an outside test)
        publishedPages.keyOf(schoolId).ifPresent(key -> {
            String address = base + "/you-said/" + key;
            model.addAttribute("youSaidUrl", address);
            model.addAttribute("youSaidUrlText", ltr(address));
            model.addAttribute("youSaidQr", QrCode.svg(address, messages.getMessage("codes.qr.address", new Object[] {address},
                    org.springframework.context.i18n.LocaleContextHolder.getLocale())));
        });
    }

    /** An address inside a sentence: kept left to right as a whole in a right-to-left language (Unicode isolates, invisible). */
    static String ltr(String address) {
        return "\u2066" + address + "\u2069";
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
        return sheet(scope, codes.generate(scope.window(), role(role), classIds), false, model);
    }

    private String sheet(WindowAccess.Scope scope, CodeService.Batch batch, boolean replaced, Model model) {
        model.addAttribute("batch", batch);
        model.addAttribute("replaced", replaced);
        // a timetable's pupil slips are alike within a home group: each pupil ticks their classes in the survey
        model.addAttribute("chooseClasses", batch.role() == RespondentRole.PUPIL && !schools.patterns(scope.school().id()).isEmpty());
        model.addAttribute("school", scope.school());
        model.addAttribute("window", scope.window());
        model.addAttribute("surveyUrl", base());
        model.addAttribute("surveyUrlText", ltr(base()));
        // each slip's QR code opens the survey with its code in the field, as a letter's does (it opened "you said, we did",
        // where a pupil who scanned it found no survey); the code stays after '#', which the server never sees
        java.util.Map<String, String> qr = new java.util.HashMap<>();
        batch.groups().forEach(g -> g.slips().forEach(s -> qr.put(s.formatted(),
                QrCode.svg(base() + "/#code=" + s.formatted(), messages.getMessage("codes.qr.survey", new Object[] {s.formatted()},
                        org.springframework.context.i18n.LocaleContextHolder.getLocale())))));
        model.addAttribute("slipQr", qr);
        youSaid(model, scope.school().id(), base());
        return "staff/codes";
    }

    /**
     * Replacing a group's codes, first step: what it would void and what it keeps, changing nothing.
     * {@code group} is a role ({@code PUPIL}: every class) or a role and a class ({@code PUPIL:12}).
     */
    @GetMapping("/staff/windows/{windowId}/codes/replace")
    String replacement(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "") String group,
                       Model model) {
        WindowAccess.Scope scope = windowAccess.manage(user, windowId);
        String[] parts = group.split(":", 2);
        List<Long> classIds = null;
        if (parts.length == 2) {
            try {
                classIds = List.of(Long.parseLong(parts[1]));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("group", "choose a group of codes from the list");
            }
        }
        return confirmation(scope, codes.preview(scope.window(), role(parts[0]), classIds), null, model);
    }

    private String confirmation(WindowAccess.Scope scope, CodeService.Replacement replacement, String changed, Model model) {
        model.addAttribute("replacement", replacement);
        model.addAttribute("changed", changed);
        model.addAttribute("school", scope.school());
        model.addAttribute("window", scope.window());
        return "staff/codes-replace";
    }

    /** Replacing, confirmed: {@code voids} is the number of codes the admin was shown; if it changed meanwhile, the new one is shown. */
    @PostMapping("/staff/windows/{windowId}/codes/replace")
    String replace(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @RequestParam(defaultValue = "") String role,
                   @RequestParam(name = "classes", required = false) List<Long> classIds, @RequestParam(defaultValue = "-1") int voids,
                   Model model, Locale locale) {
        WindowAccess.Scope scope = windowAccess.manage(user, windowId);
        RespondentRole r = role(role);
        try {
            return sheet(scope, codes.replace(scope.window(), r, classIds, voids), true, model);
        } catch (org.rapport.app.web.ConflictException e) {
            if (!"voids".equals(e.field())) {
                throw e;
            }
            // a survey started (or a code was used) since the count was shown: show the new count to confirm again
            return confirmation(scope, codes.preview(scope.window(), r, classIds), org.rapport.app.web.Text.of(e, messages, locale), model);
        }
    }
}
