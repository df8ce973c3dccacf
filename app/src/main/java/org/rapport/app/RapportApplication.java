package org.rapport.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RapportApplication {
    public static void main(String[] args) {
        SpringApplication.run(RapportApplication.class, args);
    }
}
