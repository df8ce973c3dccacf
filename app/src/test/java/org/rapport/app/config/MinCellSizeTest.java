package org.rapport.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;

/** The privacy threshold is configurable but can never go below 3. */
class MinCellSizeTest {
    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @EnableConfigurationProperties(RapportProperties.class)
    static class Config {
    }

    @Test
    void defaultIsFiveAndThreeIsAllowed() {
        runner.run(c -> assertThat(c.getBean(RapportProperties.class).minCellSize()).isEqualTo(5));
        runner.withPropertyValues("rapport.min-cell-size=3")
                .run(c -> assertThat(c.getBean(RapportProperties.class).minCellSize()).isEqualTo(3));
    }

    @Test
    void belowThreeRefusesToStart() {
        runner.withPropertyValues("rapport.min-cell-size=2").run(c -> {
            assertThat(c).hasFailed();
            assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("can never be below 3");
        });
    }
}
