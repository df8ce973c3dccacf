package org.rapport.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every parameter of every request to a controller (query, form and the text parts of a multipart
 * form), name and value, checked against {@link ControlCharacters} before the controller runs: a
 * refused character answers 400 naming the parameter (problem details for the API; for people, a page naming the
 * field by its label and giving back what they typed without it, see {@link ControlCharacterRefused}), and nothing
 * is done. In browsers, js/typed.js takes such characters out as they arrive, so this is the last line.
 */
@Component
class ControlCharacterCheck implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            String name = p.getKey();
            int at = ControlCharacters.find(name);
            if (at >= 0) {
                throw new InvalidInputException("request", ControlCharacters.fault("a parameter's name", name, at));
            }
            for (String value : p.getValue()) {
                at = ControlCharacters.find(value);
                if (at >= 0) {
                    throw new ControlCharacterRefused(name, value, at, request.getParameterMap());
                }
            }
        }
        return true;
    }
}
