package org.rapport.app.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The files the pages load, each under its own path (spring.web.resources.add-mappings is off). Served before from
 * Spring Boot's "/**", which also put every link a page builds ({@code /survey/save}, {@code /language?…}) through the
 * resource chain: a link that is no file was looked for in the jar on every page and never cached (a fifth of the
 * server's CPU in the morning-peak benchmark, docs/PERFORMANCE.md). Now only links under these paths are looked up,
 * and each once.
 */
@Configuration
class StaticResources implements WebMvcConfigurer {
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // the htmx script by a path without its version, as Spring Boot's own webjars handler serves it
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/").resourceChain(true);
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/").resourceChain(true);
        registry.addResourceHandler("/*.svg").addResourceLocations("classpath:/static/").resourceChain(true);
    }
}
