package org.rapport.app.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.Components;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
    @Bean
    OpenAPI rapportApi() {
        return new OpenAPI()
                .info(new Info().title("Rapport API").version("v1")
                        .description("Rosters, survey windows, access codes, taking a survey and reports. Staff endpoints use HTTP "
                                + "Basic; survey endpoints take the access code in the body. Errors are RFC 9457 problem details "
                                + "with errors: [{field, message}].")
                        .license(new License().name("open source")))
                .components(new Components().addSecuritySchemes("staff", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("staff"));
    }
}
