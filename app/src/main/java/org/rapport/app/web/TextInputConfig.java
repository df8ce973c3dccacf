package org.rapport.app.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Where {@link ControlCharacters} is applied to requests: {@link ControlCharacterCheck} on every
 * parameter, {@link ControlCharacterModule} on every JSON string and key of a request body.
 */
@Configuration
class TextInputConfig implements WebMvcConfigurer {
    private final ControlCharacterCheck check;

    TextInputConfig(ControlCharacterCheck check) {
        this.check = check;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(check);
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        // a converter of their own, so that the shared one (and its mapper) stay as they are for everything else
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter json) {
                MappingJackson2HttpMessageConverter checked = new MappingJackson2HttpMessageConverter(
                        json.getObjectMapper().copy().registerModule(new ControlCharacterModule()));
                checked.setSupportedMediaTypes(json.getSupportedMediaTypes());
                converters.set(i, checked);
            }
        }
    }
}
