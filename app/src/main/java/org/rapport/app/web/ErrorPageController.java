package org.rapport.app.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that happen outside a controller (unknown URL, method not allowed, a body too large for
 * the server): problem details for the API, a friendly page for people.
 */
@Controller
class ErrorPageController implements ErrorController {
    private final MessageSource messages;

    ErrorPageController(MessageSource messages) {
        this.messages = messages;
    }

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView html(HttpServletRequest request, Locale locale) {
        HttpStatus status = status(request);
        ModelAndView mv = new ModelAndView("error", status);
        mv.addObject("message", messages.getMessage("error." + status.value(), null,
                messages.getMessage(status.is4xxClientError() ? "error.400" : "error.500", null, locale), locale));
        return mv;
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> json(HttpServletRequest request, Locale locale) {
        HttpStatus status = status(request);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, messages.getMessage("error." + status.value(), null,
                status.getReasonPhrase(), locale));
        p.setTitle(status.getReasonPhrase());
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            p.setInstance(java.net.URI.create(String.valueOf(uri).replaceAll("[^A-Za-z0-9/._~-]", "")));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
