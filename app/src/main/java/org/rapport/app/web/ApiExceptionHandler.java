package org.rapport.app.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the JSON API as RFC 9457 problem details, with {@code errors: [{field, message}]}
 * naming each fault. Never a stack trace; an unexpected failure is logged and answered 500 without detail,
 * except that the database being unreachable is passed on to {@link DatabaseDownFilter} (503).
 */
@RestControllerAdvice(annotations = ApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private final MessageSource messages;

    ApiExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    static ProblemDetail problem(HttpStatusCode status, String title, String detail, List<InvalidInputException.FieldError> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        if (errors != null && !errors.isEmpty()) {
            p.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        return p;
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e, Locale locale) {
        if (e.text() != null) {
            String text = e.text().in(messages, locale);
            ProblemDetail p = problem(HttpStatus.valueOf(e.status()), e.title(), text, null);
            // each fault as the exception gives it (with what it adds, a refused character's position), in the reader's words
            p.setProperty("errors", e.problems().stream().map(f -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>(f);
                m.put("message", text);
                return m;
            }).toList());
            return p;
        }
        ProblemDetail p = problem(HttpStatus.valueOf(e.status()), e.title(), e.getMessage(), null);
        p.setProperty("errors", e.problems());
        return p;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null);
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e, Locale locale) {
        String text = Text.of(e, messages, locale);
        return problem(HttpStatus.CONFLICT, "Conflict", text, List.of(new InvalidInputException.FieldError(e.field(), text)));
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts", e.getMessage(), null));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", "Your account may not see this.", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getName() + " has the wrong type",
                List.of(new InvalidInputException.FieldError(e.getName(), "'" + e.getValue() + "' is not a valid " + e.getName())));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex, HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "Too large",
                "The upload is larger than 2 MB.", List.of(new InvalidInputException.FieldError("file", "larger than 2 MB"))));
    }

    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ProblemDetail brokenUpload() {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", "The upload is incomplete or not valid multipart data.",
                List.of(new InvalidInputException.FieldError("file", "incomplete or not valid multipart data")));
    }

    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ProblemDetail rejected() {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", "The request contains names or characters that are not allowed.",
                List.of(new InvalidInputException.FieldError("request", "names or characters that are not allowed")));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) throws Exception {
        if (DatabaseDown.causedBy(e)) {
            // not a fault of Rapport's: DatabaseDownFilter answers 503
            throw e;
        }
        log.error("unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side; nothing was changed. Please try again.", null);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<InvalidInputException.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new InvalidInputException.FieldError(f.getField(), f.getDefaultMessage())).toList();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input",
                errors.isEmpty() ? "The request is not valid." : errors.get(0).field() + ": " + errors.get(0).message(), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof ControlCharacterModule.Refused refused) {
            String at = refused.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce("", String::concat);
            String field = at.isEmpty() ? "body" : at.startsWith(".") ? at.substring(1) : at;
            String text = new Text("error.control", field, refused.character()).in(messages, LocaleContextHolder.getLocale());
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input", text,
                    List.of(new InvalidInputException.FieldError(field, text))));
        }
        String field = jsonField(ex.getCause());
        String message = field.equals("body") ? "the body is not valid JSON of the expected shape"
                : field + " has the wrong type or format";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input", message,
                List.of(new InvalidInputException.FieldError(field, message))));
    }

    /** The JSON path of a deserialisation fault, as {@code answers.key}: from Jackson's path or, deeper, the parser's position. */
    private static String jsonField(Throwable cause) {
        String fromPath = "";
        if (cause instanceof com.fasterxml.jackson.databind.JsonMappingException jme) {
            fromPath = jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce("", String::concat);
        }
        String fromParser = "";
        if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                && jpe.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser) {
            fromParser = parser.getParsingContext().pathAsPointer().toString()
                    .replace("~1", "\u0000").replace('/', '.').replace("\u0000", "/").replace("~0", "~");
        }
        String best = fromParser.length() > fromPath.length() ? fromParser : fromPath;
        return best.isEmpty() ? "body" : best.startsWith(".") ? best.substring(1) : best;
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex, HttpHeaders headers,
                                                                     HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input",
                "the part '" + ex.getRequestPartName() + "' is missing",
                List.of(new InvalidInputException.FieldError(ex.getRequestPartName(), "is missing"))));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(org.springframework.web.bind.ServletRequestBindingException ex,
                                                                          HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MissingRequestHeaderException mh ? mh.getHeaderName() : "request";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getMessage(),
                List.of(new InvalidInputException.FieldError(field, ex.getMessage()))));
    }
}
