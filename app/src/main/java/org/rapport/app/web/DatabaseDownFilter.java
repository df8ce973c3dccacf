package org.rapport.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.WebUtils;

/**
 * While the database cannot be reached, every request that needed it is answered 503 Service
 * Unavailable with a Retry-After: problem details for the JSON API, {@code {"status":"DOWN"}} for
 * the health endpoint, and for people a plain page in their language. First of all filters (before
 * the sessions, which live in the database, and before sign-in), it answers
 * <ul>
 *   <li>a failure that reaches it and means the database is down ({@link DatabaseDown#causedBy}),
 *       whether from a controller (the exception handlers pass such failures on) or from a filter;</li>
 *   <li>a request marked {@link DatabaseDown#REQUEST_ATTRIBUTE} whose answer would otherwise have been an
 *       error or a redirect (a sign-in refused because the account could not be read is not a wrong password).</li>
 * </ul>
 * The page uses only the message bundles, never the database (not a network's own translations,
 * not the signed-in member's language): the language is the one chosen on this browser, else the
 * browser's preference, else English.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseDownFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(DatabaseDownFilter.class);
    static final int RETRY_AFTER_SECONDS = 10;
    private static final Pattern BUNDLE = Pattern.compile("messages_([a-z]{2,3})\\.properties$");
    private static final String LANGUAGE_COOKIE = "rapport_lang";
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final IcuMessageSource messages = IcuMessageSource.of("messages");
    private final List<Locale> languages = new ArrayList<>(List.of(Locale.ENGLISH));
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    DatabaseDownFilter() throws IOException {
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:messages_*.properties")) {
            Matcher m = BUNDLE.matcher(r.getFilename() == null ? "" : r.getFilename());
            if (m.find()) {
                languages.add(Locale.forLanguageTag(m.group(1)));
            }
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void sendRedirect(String location) throws IOException {
                    if (request.getAttribute(DatabaseDown.REQUEST_ATTRIBUTE) != null && !response.isCommitted()) {
                        unavailable(request, response, null);
                    } else {
                        super.sendRedirect(location);
                    }
                }
            });
        } catch (IOException | ServletException | RuntimeException e) {
            if (DatabaseDown.causedBy(e) && !response.isCommitted()) {
                unavailable(request, response, e);
                return;
            }
            throw e;
        }
        if (request.getAttribute(DatabaseDown.REQUEST_ATTRIBUTE) != null && !response.isCommitted()
                && response.getStatus() >= 400 && response.getStatus() != 503) {
            unavailable(request, response, null);
        }
    }

    /** Answers 503, replacing whatever was to be answered. */
    void unavailable(HttpServletRequest request, HttpServletResponse response, Throwable cause) throws IOException {
        logOccasionally(request, cause);
        response.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setCharacterEncoding("UTF-8");
        Locale locale = locale(request);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = String.valueOf(request.getHeader("Accept"));
        if (path.startsWith("/actuator/health")) {
            response.setContentType("application/json");
            response.getWriter().write("{\"status\":\"DOWN\"}");
        } else if (path.startsWith("/api/") || (accept.contains("json") && !accept.contains("text/html"))) {
            response.setContentType("application/problem+json");
            response.getWriter().write(ProblemJson.of(503, "Service unavailable", text("error.503", locale), null, null));
        } else {
            response.setContentType("text/html");
            response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'");
            response.setHeader("X-Frame-Options", "DENY");
            response.getWriter().write(page(request.getContextPath(), locale));
        }
        response.flushBuffer();
    }

    private String page(String contextPath, Locale locale) {
        String title = HtmlUtils.htmlEscape(text("error.503.title", locale), "UTF-8");
        return "<!DOCTYPE html>\n<html lang=\"" + locale.toLanguageTag() + "\" dir=\"" + HtmlUtils.htmlEscape(text("language.direction", locale))
                + "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + title + "</title>\n<link rel=\"stylesheet\" href=\"" + contextPath + "/css/rapport.css\">\n</head>\n<body>\n"
                + "<main id=\"main\" class=\"narrow\">\n<h1>" + title + "</h1>\n<p role=\"alert\">"
                + HtmlUtils.htmlEscape(text("error.503", locale), "UTF-8") + "</p>\n<p><a href=\"" + contextPath + "/\">"
                + HtmlUtils.htmlEscape(text("error.home", locale), "UTF-8") + "</a></p>\n</main>\n</body>\n</html>\n";
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    /** The language chosen on this browser (the language cookie), else the best the browser asks for, else English. */
    Locale locale(HttpServletRequest request) {
        Cookie chosen = WebUtils.getCookie(request, LANGUAGE_COOKIE);
        if (chosen != null) {
            for (Locale l : languages) {
                if (l.getLanguage().equals(Locale.forLanguageTag(chosen.getValue()).getLanguage())) {
                    return l;
                }
            }
        }
        String accept = request.getHeader("Accept-Language");
        if (accept != null && !accept.isBlank()) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(accept), languages);
                if (best != null) {
                    return best;
                }
            } catch (IllegalArgumentException e) {
                // not a valid header: English
            }
        }
        return Locale.ENGLISH;
    }

    private void logOccasionally(HttpServletRequest request, Throwable cause) {
        long n = answered.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            Throwable root = cause;
            while (root != null && root.getCause() != null) {
                root = root.getCause();
            }
            log.warn("The database cannot be reached: {} {} answered 503 ({} so far){}", request.getMethod(), request.getRequestURI(), n,
                    root == null ? "" : ": " + root);
        }
    }
}
