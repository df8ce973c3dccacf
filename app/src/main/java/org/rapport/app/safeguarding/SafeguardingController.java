package org.rapport.app.safeguarding;

import java.util.Arrays;
import java.util.List;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.school.SchoolSettings;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The lead's page of concerns, a school's safeguarding settings, and the network's concern phrases. */
@Controller
class SafeguardingController {
    private final Safeguarding safeguarding;
    private final SchoolAccess access;
    private final SchoolSettings settings;
    private final org.springframework.context.MessageSource messages;

    SafeguardingController(Safeguarding safeguarding, SchoolAccess access, SchoolSettings settings,
                           org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.safeguarding = safeguarding;
        this.access = access;
        this.settings = settings;
    }

    @GetMapping("/staff/safeguarding")
    String concerns(@AuthenticationPrincipal StaffUser user, Model model) {
        if (!safeguarding.isLead(user)) {
            throw new AccessDeniedException("designated safeguarding leads only");
        }
        model.addAttribute("concerns", safeguarding.concerns(user));
        model.addAttribute("escalationHours", safeguarding.escalationHours(user.schoolId()));
        return "staff/safeguarding";
    }

    @PostMapping("/staff/safeguarding/concerns/{concernId}/review")
    String review(@AuthenticationPrincipal StaffUser user, @PathVariable long concernId) {
        safeguarding.review(user, concernId);
        return "redirect:/staff/safeguarding";
    }

    @GetMapping("/staff/schools/{schoolId}/safeguarding")
    String school(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, Model model) {
        fill(model, user, access.manage(user, schoolId));
        return "staff/safeguarding-school";
    }

    /** The form's field of the support text for a language: {@code supportText.ar}. */
    static final String LANGUAGE_FIELD = "supportText.";

    @PostMapping("/staff/schools/{schoolId}/safeguarding")
    String saveSchool(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                      @RequestParam(name = "lead", required = false) List<Long> leads,
                      @RequestParam(defaultValue = "") String supportText, @RequestParam(defaultValue = "") String escalateAfterHours,
                      @RequestParam org.springframework.util.MultiValueMap<String, String> form,
                      Model model, jakarta.servlet.http.HttpServletResponse response, java.util.Locale locale) {
        School school = access.manage(user, schoolId);
        java.util.Map<String, String> byLanguage = new java.util.TreeMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith(LANGUAGE_FIELD) && !values.isEmpty()) {
                byLanguage.put(name.substring(LANGUAGE_FIELD.length()), values.get(0));
            }
        });
        try {
            safeguarding.saveSchool(user, school.id(), leads == null ? List.of() : leads, supportText, byLanguage, hours(escalateAfterHours));
            model.addAttribute("saved", true);
        } catch (InvalidInputException e) {
            response.setStatus(e.status());
            refused(model, named(e.errorsIn(messages, locale), locale), supportText, byLanguage, escalateAfterHours);
        } catch (org.rapport.app.web.ConflictException e) {
            response.setStatus(409);
            refused(model, List.of(new InvalidInputException.FieldError(e.field(), e.getMessage())), supportText, byLanguage, escalateAfterHours);
        }
        fill(model, user, school);
        return "staff/safeguarding-school";
    }

    /** The form again with everything as it was typed. */
    private static void refused(Model model, List<InvalidInputException.FieldError> errors, String supportText,
                                java.util.Map<String, String> byLanguage, String escalateAfterHours) {
        model.addAttribute("errors", errors);
        java.util.Map<String, String> byField = new java.util.HashMap<>();
        errors.forEach(e -> byField.putIfAbsent(e.field(), e.message()));
        model.addAttribute("fieldErrors", byField);
        model.addAttribute("typedSupportText", supportText);
        model.addAttribute("typedSupportTexts", byLanguage);
        model.addAttribute("typedHours", escalateAfterHours);
    }

    /** A fault of a language's support text says whose: "العربية: ..." (the list above the form names no field). */
    private List<InvalidInputException.FieldError> named(List<InvalidInputException.FieldError> errors, java.util.Locale locale) {
        return errors.stream().map(e -> e.field().startsWith("supportTexts.")
                ? new InvalidInputException.FieldError(e.field(), messages.getMessage("safeguarding.school.supportFault",
                        new Object[] {settings.languageName(e.field().substring("supportTexts.".length())), e.message()}, locale))
                : e).toList();
    }

    /** The hours typed in the form: empty leaves the setting as it is. */
    private static Integer hours(String typed) {
        String clean = typed.strip();
        if (clean.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(clean);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("escalateAfterHours", "give a whole number of hours from 1 to " + Safeguarding.MAX_ESCALATION_HOURS);
        }
    }

    private void fill(Model model, StaffUser user, School school) {
        model.addAttribute("school", school);
        model.addAttribute("staff", safeguarding.leads(user, school.id()));
        model.addAttribute("supportText", settings.supportText(school.id()).orElse(""));
        model.addAttribute("supportTexts", settings.supportTexts(school.id()));
        model.addAttribute("maxSupportText", SchoolSettings.MAX_SUPPORT_TEXT);
        model.addAttribute("state", safeguarding.states(user, List.of(school.id())).get(school.id()));
        model.addAttribute("escalationHours", safeguarding.escalationHours(school.id()));
        model.addAttribute("maxEscalationHours", Safeguarding.MAX_ESCALATION_HOURS);
    }

    @GetMapping("/staff/safeguarding/phrases")
    String phrases(@AuthenticationPrincipal StaffUser user, Model model) {
        requireNetworkAdmin(user);
        model.addAttribute("lists", joined(user));
        return "staff/safeguarding-phrases";
    }

    @PostMapping("/staff/safeguarding/phrases")
    String savePhrases(@AuthenticationPrincipal StaffUser user, @RequestParam(defaultValue = "") String language,
                       @RequestParam(defaultValue = "") String phrases, Model model, jakarta.servlet.http.HttpServletResponse response) {
        requireNetworkAdmin(user);
        try {
            safeguarding.setPhrases(user, language.strip(), Arrays.asList(phrases.split("\\R")));
            model.addAttribute("saved", language.strip());
        } catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("errors", e.errors());
            model.addAttribute("typedLanguage", language);
            model.addAttribute("typedPhrases", phrases);
        }
        model.addAttribute("lists", joined(user));
        return "staff/safeguarding-phrases";
    }

    /** Each language's phrases as the text area shows them, one a line. */
    private java.util.Map<String, String> joined(StaffUser user) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        safeguarding.lists(user.networkId()).forEach((language, phrases) -> out.put(language, String.join("\n", phrases)));
        return out;
    }

    private static void requireNetworkAdmin(StaffUser user) {
        if (!user.isNetworkAdmin()) {
            throw new AccessDeniedException("network admins only");
        }
    }
}
