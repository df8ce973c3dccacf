package org.rapport.app.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The address of the client of the request being served, as the server sees it: the connection's,
 * or the one a configured trusted proxy (RAPPORT_TRUSTED_PROXIES) forwarded. Empty outside a request
 * (the demo, a scheduled task).
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static Optional<String> current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return Optional.ofNullable(request.getRemoteAddr());
        }
        return Optional.empty();
    }
}
