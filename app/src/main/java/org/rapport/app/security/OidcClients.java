package org.rapport.app.security;

import org.rapport.app.config.RapportProperties;
import org.rapport.app.web.PublicUrl;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;

/**
 * The OpenID Connect provider of RAPPORT_OIDC_*, registered as {@code oidc} and discovered from its
 * issuer on first use (so Rapport starts even when the provider is briefly unreachable).
 */
@Component
public class OidcClients implements ClientRegistrationRepository {
    public static final String ID = "oidc";
    private final RapportProperties.Oidc oidc;
    private final PublicUrl publicUrl;
    private volatile ClientRegistration registration;

    OidcClients(RapportProperties properties, PublicUrl publicUrl) {
        this.oidc = properties.oidc();
        this.publicUrl = publicUrl;
    }

    public boolean configured() {
        return oidc.configured();
    }

    /** How the sign-in button names the provider. */
    public String name() {
        return oidc.name() == null || oidc.name().isBlank() ? "single sign-on" : oidc.name();
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!configured() || !ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration r = registration;
        if (r == null) {
            r = ClientRegistrations.fromIssuerLocation(oidc.issuer()).registrationId(ID).clientId(oidc.clientId())
                    .clientSecret(oidc.clientSecret()).scope("openid", "email", "profile").clientName(name())
                    .redirectUri(publicUrl.base() + "/login/oauth2/code/{registrationId}").build();
            registration = r;
        }
        return r;
    }
}
