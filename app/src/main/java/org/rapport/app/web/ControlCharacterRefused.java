package org.rapport.app.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request refused by {@link ControlCharacterCheck} for a control character in one of its parameters. For the API it
 * is an {@link InvalidInputException} like any other; a page (the writer's browser ran without the script that takes
 * such characters out as they arrive) shows the field by its label and gives back what was typed in the form's text
 * fields with the refused characters taken out, so that nothing typed is lost.
 */
public final class ControlCharacterRefused extends InvalidInputException {
    /** The form fields whose text a page gives back, by parameter name, with the key of the label people know them by. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("weWill", "yousaid.weWill"),
            Map.entry("byWhen", "yousaid.byWhen"),
            Map.entry("plan", "goals.plan"),
            Map.entry("text", "reply.label"),
            Map.entry("supportText", "safeguarding.school.support"),
            Map.entry("phrases", "safeguarding.phrases.list"),
            Map.entry("name", "field.name"),
            Map.entry("adminName", "setup.name"),
            Map.entry("school", "setup.school"),
            Map.entry("network", "setup.network"),
            Map.entry("org", "roster.oneroster.org"),
            Map.entry("newId", "people.staffId.new"));
    private static final String COMMENT = "field.comment";

    /** A text field given back: the key of its label and its text without the refused characters. */
    public record Kept(String label, String text) {
    }

    private final String label;
    private final String character;
    private final List<Kept> kept;

    ControlCharacterRefused(String field, String value, int at, Map<String, String[]> parameters) {
        super(field, ControlCharacters.fault(field, value, at));
        this.label = labelOf(field);
        this.character = ControlCharacters.name(value, at);
        List<Kept> texts = new ArrayList<>();
        for (Map.Entry<String, String[]> p : parameters.entrySet()) {
            String key = labelOf(p.getKey());
            if (key == null) {
                continue;
            }
            for (String v : p.getValue()) {
                String text = ControlCharacters.without(v);
                if (!text.isBlank()) {
                    texts.add(new Kept(key, text));
                }
            }
        }
        this.kept = List.copyOf(texts);
    }

    /** The key of the refused field's label, or null when it is not a field people type in. */
    public String label() {
        return label;
    }

    /** The refused character as people can look it up, e.g. U+000B. */
    public String character() {
        return character;
    }

    /** The form's text fields as they were typed, without the refused characters. */
    public List<Kept> kept() {
        return kept;
    }

    private static String labelOf(String parameter) {
        if (parameter.startsWith("supportText.")) {
            // a school's support text for one language (supportText.ar)
            return LABELS.get("supportText");
        }
        return parameter.startsWith("c.") ? COMMENT : LABELS.get(parameter);
    }
}
