package org.rapport.app.language;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.IcuMessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Rapport's message bundles, with a network's own translation in front of them: for a signed-in
 * member of staff their network's, for a respondent the network of the survey they are taking (set
 * by {@link #useNetwork}). Each network's texts of a language are read at most every ten seconds per
 * instance, and at once after an import on this instance. Every text is formatted with ICU, plural forms and all.
 */
public class NetworkMessageSource extends IcuMessageSource {
    static final String NETWORK = NetworkMessageSource.class.getName() + ".network";
    private static final Duration FRESH = Duration.ofSeconds(10);

    private record Key(long networkId, String language) {
    }

    private final Cache<Key, Map<String, String>> cache = Caffeine.newBuilder().expireAfterWrite(FRESH).maximumSize(1_000).build();
    private TranslationRepository repository;

    void setRepository(TranslationRepository repository) {
        this.repository = repository;
    }

    /** The texts of this request are those of this network (a respondent's, once their code is known). */
    public static void useNetwork(long networkId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(NETWORK, networkId, RequestAttributes.SCOPE_REQUEST);
        }
    }

    void forget(long networkId, String language) {
        cache.invalidate(new Key(networkId, language));
    }

    @Override
    protected String pattern(String code, Locale locale) {
        String own = own(code, locale);
        return own != null ? own : super.pattern(code, locale);
    }

    private String own(String code, Locale locale) {
        Long network = network();
        if (network == null || repository == null || locale == null || locale.getLanguage().isEmpty()) {
            return null;
        }
        return cache.get(new Key(network, locale.getLanguage()), k -> repository.texts(k.networkId(), k.language())).get(code);
    }

    private static Long network() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(NETWORK, RequestAttributes.SCOPE_REQUEST) instanceof Long id) {
            return id;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof StaffUser user ? user.networkId() : null;
    }
}
