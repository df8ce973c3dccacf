package org.rapport.app.survey;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.rapport.app.access.AccessCode;
import org.rapport.app.access.Codes;
import org.rapport.app.language.LanguageResolver;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Text;
import org.rapport.app.web.TooManyRequestsException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The survey pages, for a pupil on a phone as much as a teacher at a desk. The code lives in an
 * HttpOnly cookie limited to /survey for as long as the browser is open, never in a URL.
 */
@Controller
class SurveyController {
    static final String COOKIE = "rapport_survey";
    /** The key of the survey this browser sent last, while it is open: reloading the thank-you page shows it again. */
    static final String SENT_COOKIE = "rapport_sent";

    private final Codes codes;
    private final SurveySessions sessions;
    private final Submissions submissions;
    private final SurveyView view;
    private final MessageSource messages;

    private final LanguageResolver language;
    private final org.rapport.app.yousaid.YouSaidWeDid youSaid;
    private final SupportShown support;

    SurveyController(Codes codes, SurveySessions sessions, Submissions submissions, SurveyView view, MessageSource messages,
                     LanguageResolver language, org.rapport.app.yousaid.YouSaidWeDid youSaid, SupportShown support) {
        this.support = support;
        this.language = language;
        this.youSaid = youSaid;
        this.codes = codes;
        this.sessions = sessions;
        this.submissions = submissions;
        this.view = view;
        this.messages = messages;
    }

    @GetMapping("/")
    String home() {
        return "index";
    }

    @PostMapping("/survey/start")
    String start(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
                 Model model, Locale locale) {
        try {
            String canonical = codes.enter(code);
            Session session = sessions.start(canonical, holderKey(request, canonical));
            if (session.language() != null && !language.chosenHere(request)) {
                // begun in a language on another device: carry on in it
                language.setLocale(request, response, java.util.Locale.forLanguageTag(session.language()));
            }
            response.addCookie(cookie(canonical, request.isSecure(), -1));
            response.addCookie(cookie(org.rapport.app.access.CodeProof.COOKIE, codes.proof(canonical), request.isSecure(), -1));
            // another survey begins here: the last one's thank-you page is not shown for it
            response.addCookie(cookie(SENT_COOKIE, "", request.isSecure(), 0));
            return "redirect:/survey";
        } catch (InvalidInputException e) {
            return homeWithError(model, response, HttpStatus.BAD_REQUEST, Text.of(e, messages, locale), code);
        } catch (ConflictException e) {
            return homeWithError(model, response, HttpStatus.CONFLICT, Text.of(e, messages, locale), "");
        } catch (TooManyRequestsException e) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            return homeWithError(model, response, HttpStatus.TOO_MANY_REQUESTS,
                    messages.getMessage("error.429", null, locale), "");
        }
    }

    private static String homeWithError(Model model, HttpServletResponse response, HttpStatus status, String error, String code) {
        response.setStatus(status.value());
        model.addAttribute("error", error);
        model.addAttribute("code", code == null || code.length() > 20 ? "" : code);
        return "index";
    }

    /** A part of the survey; without {@code block}, where the respondent left off ({@link Session#resumeAt()}). */
    @GetMapping("/survey")
    String block(@RequestParam(name = "block", required = false) Integer index, HttpServletRequest request,
                 HttpServletResponse response, Model model, Locale locale) {
        String code = codeFrom(request);
        if (code == null) {
            model.addAttribute("notice", messages.getMessage("survey.expired", null, locale));
            return "index";
        }
        Session session;
        try {
            session = sessions.resume(code, holderKey(request, code));
        } catch (InvalidInputException | ConflictException e) {
            response.addCookie(cookie("", request.isSecure(), 0));
            response.addCookie(cookie(org.rapport.app.access.CodeProof.COOKIE, "", request.isSecure(), 0));
            return homeWithError(model, response, HttpStatus.CONFLICT, Text.of(e, messages, locale), "");
        }
        if (session.mustChoose()) {
            return "redirect:/survey/classes";
        }
        int at = index == null ? session.resumeAt() : index;
        // carried on where they left off: said, so the first page seen is not a puzzle
        model.addAttribute("resumed", index == null && at > 0);
        return block(session, at, model, locale);
    }

    /** The survey's block {@code index} of the session, with what the respondent has answered and written. */
    private String block(Session session, int index, Model model, Locale locale) {
        if (session.mustChoose()) {
            return "redirect:/survey/classes";
        }
        int total = session.plan().blocks().size();
        if (index < 0 || index >= total) {
            return "redirect:/survey/finish";
        }
        model.addAttribute("mayChooseAgain", index == 0 && session.mayChooseAgain());
        SurveyView.BlockView block = view.block(session.plan(), index, locale);
        model.addAttribute("survey", session);
        model.addAttribute("schoolName", view.schoolName(session));
        model.addAttribute("index", index);
        model.addAttribute("total", total);
        model.addAttribute("title", block.title());
        model.addAttribute("questions", block.questions());
        model.addAttribute("answers", SurveyView.answers(session));
        model.addAttribute("commentKey", block.commentKey());
        model.addAttribute("commentLabel", block.commentLabel());
        model.addAttribute("comment", block.commentKey() == null ? "" : SurveyView.comments(session).getOrDefault(block.commentKey(), ""));
        model.addAttribute("maxComment", AnswerValidator.MAX_COMMENT);
        model.addAttribute("commentLeft", org.rapport.app.language.PluralTemplates.of(messages, "survey.comment.left", locale, "{1}"));
        model.addAttribute("draftKey", SurveyView.draftKey(session.context().codeHash()));
        // what this teacher last replied to their classes, in the block about them
        model.addAttribute("teacherReply", block.targetId() == null ? null
                : youSaid.replies(java.util.List.of(block.targetId()), session.context().window().id()).get(block.targetId()));
        model.addAttribute("targetName", org.rapport.app.web.TypedText.isolate(block.targetName()));
        // what the school did after the last survey, where it has published it: at the start of the survey
        model.addAttribute("youSaidKey", index == 0 ? youSaid.keyOf(session.context().window().schoolId()).orElse(null) : null);
        return "survey/block";
    }

    /** A timetable pupil's classes: chosen before the first question, and again until something is answered. */
    @GetMapping("/survey/classes")
    String classes(HttpServletRequest request, Model model, Locale locale) {
        String code = codeFrom(request);
        if (code == null) {
            return "redirect:/survey";
        }
        Session session = sessions.resume(code, holderKey(request, code));
        if (!session.mustChoose() && !session.mayChooseAgain()) {
            return "redirect:/survey";
        }
        return classesPage(session, session.choices().chosen(), null, model);
    }

    @PostMapping("/survey/classes")
    String choose(@RequestParam(name = "class", required = false) java.util.List<String> classIds, HttpServletRequest request,
                  HttpServletResponse response, Model model, Locale locale) {
        String code = codeFrom(request);
        if (code == null) {
            return "redirect:/survey";
        }
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (String id : classIds == null ? java.util.List.<String>of() : classIds) {
            ids.add((long) parseInt(id, "classes"));
        }
        try {
            Session chosen = sessions.choose(code, ids, language.resolve(request), holderKey(request, code));
            if (chosen.holderKey() != null) {
                // this browser's key to the survey it started, kept while the window may be open (a pupil may come back another day)
                response.addCookie(cookie(holderCookie(code), chosen.holderKey(), request.isSecure(), 60 * 60 * 24 * 90));
            }
            return "redirect:/survey";
        } catch (InvalidInputException | ConflictException e) {
            Session session = sessions.resume(code, holderKey(request, code));
            response.setStatus(e instanceof InvalidInputException ? HttpStatus.BAD_REQUEST.value() : HttpStatus.CONFLICT.value());
            if (!session.mustChoose() && !session.mayChooseAgain()) {
                model.addAttribute("error", Text.of(e, messages, locale));
                return block(0, request, response, model, locale);
            }
            return classesPage(session, ids, Text.of(e, messages, locale), model);
        }
    }

    private String classesPage(Session session, java.util.List<Long> chosen, String error, Model model) {
        model.addAttribute("survey", session);
        model.addAttribute("schoolName", view.schoolName(session));
        model.addAttribute("choices", session.choices());
        model.addAttribute("most", session.choices().most());
        model.addAttribute("chosen", chosen);
        model.addAttribute("error", error);
        model.addAttribute("startedElsewhere", session.startedElsewhere());
        return "survey/classes";
    }

    @PostMapping("/survey/save")
    String save(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request, Model model,
                HttpServletResponse response, Locale locale) {
        String code = codeFrom(request);
        if (code == null) {
            return "redirect:/survey";
        }
        int index = parseInt(form.getFirst("block"), "block");
        boolean back = "back".equals(form.getFirst("go"));
        Session session;
        try {
            // gone on to the next part: where the survey carries on next time, on this device or another
            session = sessions.saveDraft(code, answers(form), comments(form), language.resolve(request), holderKey(request, code),
                    back ? 0 : Math.max(0, index + 1));
        } catch (InvalidInputException e) {
            // back to the page, saying why in the respondent's language, with what they wrote kept (a bare error page in
            // English named the field and lost the comment)
            Session resumed;
            try {
                // the page's answers are kept where only its comment was refused (without a script nothing saved them)
                resumed = sessions.saveDraft(code, answers(form), Map.of(), language.resolve(request), holderKey(request, code));
            } catch (InvalidInputException answersToo) {
                resumed = sessions.resume(code, holderKey(request, code));
            }
            if (resumed.mustChoose() || index < 0 || index >= resumed.plan().blocks().size()) {
                throw e;
            }
            String page = block(resumed, index, model, locale);
            comments(form).values().stream().findFirst().ifPresent(typed -> model.addAttribute("comment", typed));
            model.addAttribute("error", survey(e, locale));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page;
        }
        int next = back ? index - 1 : index + 1;
        return next >= session.plan().blocks().size() ? "redirect:/survey/finish" : "redirect:/survey?block=" + Math.max(0, next);
    }

    /** htmx autosave: the whole block on every change; answers with a short status text for a live region. */
    @PostMapping("/survey/autosave")
    @ResponseBody
    ResponseEntity<String> autosave(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request, Locale locale) {
        String code = codeFrom(request);
        if (code == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(messages.getMessage("survey.expired", null, locale));
        }
        try {
            sessions.saveDraft(code, answers(form), comments(form), language.resolve(request), holderKey(request, code));
        } catch (InvalidInputException e) {
            // said where "Saved" is said, in the respondent's language
            return ResponseEntity.badRequest().header("Content-Type", "text/plain;charset=UTF-8").body(survey(e, locale));
        }
        return ResponseEntity.ok().header("Content-Type", "text/plain;charset=UTF-8")
                .body(messages.getMessage("survey.saved", null, locale));
    }

    /**
     * What a respondent reads of refused input: its reason in their language where it is one they can meet (a comment too
     * long); else that the page's answers could not be read, never a field's name or an English rule meant for the API.
     */
    private String survey(InvalidInputException e, Locale locale) {
        return e.text() != null ? e.text().in(messages, locale) : messages.getMessage("survey.invalid", null, locale);
    }

    @GetMapping("/survey/finish")
    String finish(HttpServletRequest request, Model model) {
        String code = codeFrom(request);
        if (code == null) {
            return "redirect:/survey";
        }
        Session session = sessions.resume(code, holderKey(request, code));
        if (session.mustChoose()) {
            return "redirect:/survey/classes";
        }
        model.addAttribute("total", session.plan().blocks().size());
        model.addAttribute("answered", session.answers().size());
        model.addAttribute("empty", session.answers().isEmpty() && session.comments().isEmpty());
        model.addAttribute("questions", session.plan().questions());
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute("draftKey", SurveyView.draftKey(session.context().codeHash()));
        model.addAttribute("pupil", session.context().role() == org.rapport.app.itembank.RespondentRole.PUPIL);
        // whom to talk to: the school's words in the page's language if it wrote them so, else its one text (or null: the
        // page then gives general advice only)
        model.addAttribute("support", support.of(session.context().window().schoolId(), language.resolve(request).tag()).orElse(null));
        return "survey/finish";
    }

    @PostMapping("/survey/submit")
    String submit(@RequestParam(defaultValue = "") String idempotencyKey, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        String code = codeFrom(request);
        if (code == null) {
            return "redirect:/survey";
        }
        byte[] hash = codes.hash(code);
        Acknowledgement ack;
        try {
            ack = submissions.submit(code, idempotencyKey, Map.of(), null, language.resolve(request), holderKey(request, code));
        } catch (InvalidInputException e) {
            // nothing answered (cleared on another device meanwhile): back to the page that says so, the code unused
            return "redirect:/survey/finish";
        }
        response.addCookie(cookie("", request.isSecure(), 0));
        response.addCookie(cookie(org.rapport.app.access.CodeProof.COOKIE, "", request.isSecure(), 0));
        // the survey is sent: its key has nothing left to open
        response.addCookie(cookie(holderCookie(code), "", request.isSecure(), 0));
        response.addCookie(cookie(SENT_COOKIE, idempotencyKey, request.isSecure(), -1));
        model.addAttribute("ack", ack);
        model.addAttribute("draftKey", SurveyView.draftKey(hash));
        return "survey/thanks";
    }

    /**
     * The thank-you page reloaded (or its address opened): shown again if this browser has just sent a survey, with nothing
     * sent again; else the survey it is taking, or the start page (it said "that action is not possible here").
     */
    @GetMapping("/survey/submit")
    String sent(HttpServletRequest request, Model model) {
        java.util.Optional<Receipts.Sent> sent = submissions.sent(cookieValue(request, SENT_COOKIE));
        if (sent.isPresent()) {
            model.addAttribute("ack", sent.get().ack());
            model.addAttribute("draftKey", SurveyView.draftKey(sent.get().codeHash()));
            return "survey/thanks";
        }
        return codeFrom(request) != null ? "redirect:/survey" : "redirect:/";
    }

    private static String cookieValue(HttpServletRequest request, String name) {
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (name.equals(c.getName()) && !c.getValue().isEmpty()) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    static Map<String, Integer> answers(MultiValueMap<String, String> form) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (Map.Entry<String, java.util.List<String>> e : form.entrySet()) {
            if (e.getKey().startsWith("a.")) {
                String key = e.getKey().substring(2);
                String value = e.getValue().isEmpty() ? "" : e.getValue().get(0);
                answers.put(key, value.isBlank() ? null : parseInt(value, "answers." + key));
            }
        }
        return answers;
    }

    static Map<String, String> comments(MultiValueMap<String, String> form) {
        Map<String, String> comments = new LinkedHashMap<>();
        for (Map.Entry<String, java.util.List<String>> e : form.entrySet()) {
            if (e.getKey().startsWith("c.")) {
                comments.put(e.getKey().substring(2), e.getValue().isEmpty() ? "" : e.getValue().get(0));
            }
        }
        return comments;
    }

    private static int parseInt(String value, String field) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "'" + InvalidInputException.abbreviate(value, 20) + "' is not a number");
        }
    }

    /**
     * This browser's key to the timetable survey it started with this code ({@link DraftHolder}), or null. One cookie per
     * code, named by a part of the code's keyed hash (as the browser's copy of the answers is): pupils who take turns on
     * one computer each keep theirs.
     */
    private String holderKey(HttpServletRequest request, String code) {
        if (request.getCookies() != null) {
            String name = holderCookie(code);
            for (Cookie c : request.getCookies()) {
                if (name.equals(c.getName()) && !c.getValue().isEmpty()) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private String holderCookie(String code) {
        return DraftHolder.COOKIE + "_" + SurveyView.draftKey(codes.hash(code));
    }

    private static String codeFrom(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie c : request.getCookies()) {
            if (COOKIE.equals(c.getName()) && !c.getValue().isEmpty()) {
                return AccessCode.normalise(c.getValue()).orElse(null);
            }
        }
        return null;
    }

    private static Cookie cookie(String value, boolean secure, int maxAge) {
        return cookie(COOKIE, value, secure, maxAge);
    }

    private static Cookie cookie(String name, String value, boolean secure, int maxAge) {
        Cookie c = new Cookie(name, value);
        c.setHttpOnly(true);
        c.setSecure(secure);
        c.setPath("/survey");
        c.setMaxAge(maxAge);
        c.setAttribute("SameSite", "Strict");
        return c;
    }
}
