package org.rapport.app.support;

import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/** mock-oauth2-server, a real OpenID Connect provider, started once per test JVM as every test context's single sign-on. */
public final class TestOidc {
    public static final String CLIENT_ID = "rapport-test";
    public static final String ISSUER_ID = "default";
    private static MockOAuth2Server server;

    private TestOidc() {
    }

    public static synchronized MockOAuth2Server server() {
        if (server == null) {
            server = new MockOAuth2Server();
            server.start();
        }
        return server;
    }

    public static String issuer() {
        return server().issuerUrl(ISSUER_ID).toString();
    }

    /** The next sign-in at the provider returns a person with these claims (for example email and email_verified). */
    public static void nextSignIn(String subject, Map<String, Object> claims) {
        server().enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, 3600));
    }
}
