package org.rapport.app.web;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The address people reach this Rapport at, from {@code rapport.public-url} (RAPPORT_PUBLIC_URL): every
 * link and QR code Rapport makes (invitations, password resets, code e-mails, letters, slips, the
 * single sign-on return address) starts with it. Never taken from a request: a forged Host or
 * X-Forwarded-Host header cannot turn a mailed link towards another server. Without the setting the
 * address is {@code http://localhost:PORT}, which is right only on the machine itself; the admin pages
 * say so.
 */
@Component
public class PublicUrl {
    private static final Logger log = LoggerFactory.getLogger(PublicUrl.class);
    private final String configured;
    private volatile String base;

    public PublicUrl(@Value("${rapport.public-url:}") String configured) {
        this.configured = configured == null || configured.isBlank() ? null : check(configured.strip());
        this.base = this.configured == null ? "http://localhost:8080" : this.configured;
    }

    /** An absolute http(s) address with no query or fragment, without its trailing slash. */
    static String check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("rapport.public-url (RAPPORT_PUBLIC_URL) is not an address: " + url);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null || uri.getQuery() != null
                || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new IllegalStateException("rapport.public-url (RAPPORT_PUBLIC_URL) must be an http or https address such as "
                    + "https://rapport.example.org, not " + url);
        }
        return url.replaceAll("/+$", "");
    }

    @EventListener
    void started(WebServerInitializedEvent event) {
        if (configured == null) {
            base = "http://localhost:" + event.getWebServer().getPort();
            log.warn("RAPPORT_PUBLIC_URL is not set: links in e-mails, letters and QR codes point at {}, which works on this machine only", base);
        }
    }

    /** The address links start with, without a trailing slash. */
    public String base() {
        return base;
    }

    /** Whether the operator set the address (otherwise links point at localhost and the admin pages say so). */
    public boolean configured() {
        return configured != null;
    }
}
