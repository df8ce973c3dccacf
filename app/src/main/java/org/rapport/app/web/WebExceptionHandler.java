package org.rapport.app.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** Errors of the HTML pages: a friendly page with the right status and a clear message; never a stack trace. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class WebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(WebExceptionHandler.class);
    private final MessageSource messages;

    WebExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    private String page(Model model, HttpServletResponse response, int status, String message) {
        response.setStatus(status);
        model.addAttribute("message", message);
        return "error";
    }

    @ExceptionHandler(InvalidInputException.class)
    String invalid(InvalidInputException e, Model model, HttpServletResponse response, Locale locale) {
        return page(model, response, e.status(), e.text() != null ? e.text().in(messages, locale) : e.pageMessage());
    }

    @ExceptionHandler(ControlCharacterRefused.class)
    String controlCharacter(ControlCharacterRefused e, Model model, jakarta.servlet.http.HttpServletRequest request,
                            HttpServletResponse response, Locale locale) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/survey/")) {
            // a respondent goes back to the part they were on (the survey's own cookie carries them), not to the code form
            String block = request.getParameter("block");
            model.addAttribute("backToSurvey", block != null && block.matches("\\d{1,3}") ? "/survey?block=" + block : "/survey");
        }
        String message = e.label() != null
                ? messages.getMessage("error.control.field", new Object[] {messages.getMessage(e.label(), null, locale), e.character()}, locale)
                : messages.getMessage("error.control.any", new Object[] {e.character()}, locale);
        model.addAttribute("kept", e.kept());
        return page(model, response, e.status(), message);
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(ConflictException e, Model model, HttpServletResponse response, Locale locale) {
        return page(model, response, 409, Text.of(e, messages, locale));
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response, Locale locale) {
        return page(model, response, 404, messages.getMessage("error.404", null, locale));
    }

    @ExceptionHandler(AccessDeniedException.class)
    String denied(Model model, HttpServletResponse response, Locale locale) {
        return page(model, response, 403, messages.getMessage("error.403", null, locale));
    }

    @ExceptionHandler(TooManyRequestsException.class)
    String tooMany(TooManyRequestsException e, Model model, HttpServletResponse response, Locale locale) {
        response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        return page(model, response, 429, messages.getMessage("error.429", null, locale));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String mismatch(MethodArgumentTypeMismatchException e, Model model, HttpServletResponse response, Locale locale) {
        String given = InvalidInputException.abbreviate(String.valueOf(e.getValue()), 40);
        return page(model, response, 400, messages.getMessage("error.mismatch", new Object[] {given, e.getName()}, locale));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(Model model, HttpServletResponse response, Locale locale) {
        return page(model, response, 413, messages.getMessage("error.413", null, locale));
    }

    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    String brokenUpload(Model model, HttpServletResponse response, Locale locale) {
        return page(model, response, 400, messages.getMessage("error.upload", null, locale));
    }

    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    String rejected(Model model, HttpServletResponse response, Locale locale) {
        return page(model, response, 400, messages.getMessage("error.400", null, locale));
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, HttpServletResponse response, Locale locale) throws Exception {
        if (DatabaseDown.causedBy(e)) {
            // DatabaseDownFilter answers 503 with a page that needs no database
            throw e;
        }
        if (e instanceof org.springframework.web.ErrorResponse er) {
            int status = er.getStatusCode().value();
            String key = "error." + status;
            return page(model, response, status, messages.getMessage(key, null, messages.getMessage("error.400", null, locale), locale));
        }
        log.error("unexpected failure", e);
        return page(model, response, 500, messages.getMessage("error.500", null, locale));
    }
}
