package org.rapport.app.itembank;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;

class ItemBankTest {
    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource m = new org.rapport.app.web.IcuMessageSource();
        m.setBasenames("messages", "itembank/items");
        m.setAlwaysUseMessageFormat(true);
        m.setFallbackToSystemLocale(false);
        m.setDefaultEncoding("UTF-8");
        return m;
    }

    final ItemBank bank = new ItemBank(messages());

    @Test
    void everyRequiredRelationshipHasFourOrMoreItemsPerFacet() {
        for (Relationship r : List.of(Relationship.PUPIL_TEACHER, Relationship.PUPIL_SCHOOL, Relationship.TEACHER_COLLEAGUES,
                Relationship.TEACHER_LEADERS, Relationship.PARENT_SCHOOL)) {
            Map<String, List<Item>> facets = bank.facets(r);
            assertThat(facets).as("facets of %s", r).isNotEmpty();
            facets.forEach((facet, items) -> assertThat(items).as("%s %s", r, facet).hasSizeGreaterThanOrEqualTo(4));
        }
        assertThat(bank.facets(Relationship.PUPIL_TEACHER).keySet())
                .containsExactly("respect", "regard", "competence", "integrity", "mistakes", "voice");
        assertThat(bank.version()).isNotBlank();
    }

    @Test
    void itemsAreQuestionsWithFiveLabelledOptionsAndPupilItemsNameTheTeacher() {
        ResourceBundleMessageSource m = messages();
        for (Item item : bank.items()) {
            String text = m.getMessage(item.textKey(), new Object[] {"Ms Okafor"}, Locale.ENGLISH);
            assertThat(text).as(item.id()).endsWith("?").doesNotContain("''").doesNotContain("{");
            if (item.relationship() == Relationship.PUPIL_TEACHER) {
                assertThat(text).as(item.id()).contains("Ms Okafor");
            }
            for (int v = 0; v <= Item.MAX_VALUE; v++) {
                assertThat(m.getMessage(item.optionKey(v), null, Locale.ENGLISH)).isNotBlank();
            }
            assertThat(m.getMessage(ItemBank.facetKey(item.facet()), null, Locale.ENGLISH)).doesNotStartWith("facet.");
        }
    }

    @Test
    void everyInterfaceTextRendersWithoutFormattingDebris() throws IOException {
        ResourceBundleMessageSource m = messages();
        Properties p = new Properties();
        try (InputStream in = new ClassPathResource("messages.properties").getInputStream()) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        for (String key : p.stringPropertyNames()) {
            String text = m.getMessage(key, new Object[] {2, 3, 4, 5, 6, 7}, Locale.ENGLISH);
            assertThat(text).as(key).doesNotContain("''").doesNotContain("{").isNotBlank();
        }
    }
}
