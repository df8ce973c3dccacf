package org.rapport.app.survey;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Turns a survey plan into the texts a respondent reads, in their language. */
@Component
class SurveyView {
    private final ItemBank bank;
    private final MessageSource messages;
    private final Schools schools;

    SurveyView(ItemBank bank, MessageSource messages, Schools schools) {
        this.bank = bank;
        this.messages = messages;
        this.schools = schools;
    }


    /** The name of the school whose survey this is, as shown above every page of it. */
    String schoolName(Session session) {
        return schools.find(session.context().window().schoolId()).map(School::name).orElse("");
    }

    public record Option(int value, String label) {
    }

    public record Question(String key, String itemId, String facet, String text, List<Option> options) {
    }

    /** {@code commentKey} and {@code commentLabel} are null for a block that takes no comment. */
    public record BlockView(int index, String relationship, String title, Long targetId, String targetName,
                            List<Question> questions, String commentKey, String commentLabel) {
    }

    List<BlockView> blocks(SurveyPlan plan, Locale locale) {
        List<BlockView> views = new ArrayList<>();
        for (int b = 0; b < plan.blocks().size(); b++) {
            views.add(block(plan, b, locale));
        }
        return views;
    }

    BlockView block(SurveyPlan plan, int index, Locale locale) {
        SurveyPlan.Block block = plan.blocks().get(index);
        // the teacher's name kept to itself in the sentence: a direction override stored in it earlier turned the question around
        Object[] name = {org.rapport.app.web.TypedText.isolate(block.targetName())};
        List<Question> questions = new ArrayList<>();
        for (String id : block.items()) {
            Item item = bank.item(id).orElseThrow();
            List<Option> options = new ArrayList<>();
            for (int v = 0; v <= Item.MAX_VALUE; v++) {
                options.add(new Option(v, messages.getMessage(item.optionKey(v), null, locale)));
            }
            questions.add(new Question(block.key(id).toString(), id, item.facet(), messages.getMessage(item.textKey(), name, locale), options));
        }
        String title = messages.getMessage("survey.block." + block.relationship().name(), name, locale);
        String commentKey = block.commentKey() == null ? null : block.commentKey().toString();
        String commentLabel = commentKey == null ? null
                : messages.getMessage("survey.comment." + block.relationship().name(), name, locale);
        return new BlockView(index, block.relationship().name(), title, block.targetId(), block.targetName(), questions,
                commentKey, commentLabel);
    }

    /** Answers keyed as the pages and the JSON write them. */
    static java.util.Map<String, Integer> answers(Session session) {
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        session.answers().forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }

    /** Comments keyed as the pages and the JSON write them. */
    static java.util.Map<String, String> comments(Session session) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        session.comments().forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }

    /** A key for the browser's local copy of answers: derived from the code's hash, so it reveals nothing. */
    static String draftKey(byte[] codeHash) {
        return HexFormat.of().formatHex(codeHash, 0, 8);
    }
}
