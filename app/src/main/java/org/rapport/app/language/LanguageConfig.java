package org.rapport.app.language;

import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/** The application's message source: the bundles named in spring.messages, with networks' own translations in front. */
@Configuration
class LanguageConfig {

    @Bean
    @ConfigurationProperties(prefix = "spring.messages")
    MessageSourceProperties messageSourceProperties() {
        return new MessageSourceProperties();
    }

    @Bean
    NetworkMessageSource messageSource(MessageSourceProperties properties, TranslationRepository translations) {
        NetworkMessageSource source = new NetworkMessageSource();
        source.setBasenames(StringUtils.commaDelimitedListToStringArray(StringUtils.trimAllWhitespace(String.join(",", properties.getBasename()))));
        source.setDefaultEncoding(properties.getEncoding().name());
        source.setFallbackToSystemLocale(properties.isFallbackToSystemLocale());
        source.setAlwaysUseMessageFormat(properties.isAlwaysUseMessageFormat());
        source.setUseCodeAsDefaultMessage(properties.isUseCodeAsDefaultMessage());
        source.setRepository(translations);
        return source;
    }
}
