package org.rapport.app.itembank;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** The versioned item bank in {@code itembank/}: items, their relationships and facets. */
@Component
public class ItemBank {
    private final String version;
    private final Map<String, Item> byId = new LinkedHashMap<>();
    private final Map<Relationship, Map<String, List<Item>>> byFacet = new LinkedHashMap<>();

    public ItemBank(MessageSource messages) {
        this.version = loadVersion();
        for (Item item : loadItems()) {
            if (byId.put(item.id(), item) != null) {
                throw new IllegalStateException("item bank: item " + item.id() + " appears twice");
            }
            byFacet.computeIfAbsent(item.relationship(), r -> new LinkedHashMap<>())
                    .computeIfAbsent(item.facet(), f -> new ArrayList<>()).add(item);
            // every item must have its text and option labels in the English bundle
            messages.getMessage(item.textKey(), null, Locale.ENGLISH);
            for (int v = 0; v <= Item.MAX_VALUE; v++) {
                messages.getMessage(item.optionKey(v), null, Locale.ENGLISH);
            }
        }
    }

    private static String loadVersion() {
        Properties p = new Properties();
        try (InputStream in = new ClassPathResource("itembank/bank.properties").getInputStream()) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static List<Item> loadItems() {
        List<Item> items = new ArrayList<>();
        try (InputStream in = new ClassPathResource("itembank/items.csv").getInputStream()) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : lines) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("id,")) {
                    continue;
                }
                String[] c = line.split(",");
                items.add(new Item(c[0], Relationship.valueOf(c[1]), c[2], c[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    public String version() {
        return version;
    }

    public Optional<Item> item(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Item> items() {
        return List.copyOf(byId.values());
    }

    /** Facets of a relationship in bank order, each with its items. */
    public Map<String, List<Item>> facets(Relationship relationship) {
        return Collections.unmodifiableMap(byFacet.getOrDefault(relationship, Map.of()));
    }

    public static String facetKey(String facet) {
        return "facet." + facet.toLowerCase(Locale.ROOT);
    }
}
