package org.rapport.app.survey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Text;
import org.rapport.app.web.TypedText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Merges what a respondent sends into their draft, refusing what does not fit their survey: every fault
 * names its field ({@code answers.<key>}, {@code comments.<key>}) and nothing is merged when there is one.
 * Keys arrive as text (JSON, forms) and leave typed. No state, no database: what it knows of the bank
 * is whether an item exists.
 */
@Component
class AnswerValidator {
    /** The most answers one request may carry. */
    static final int MAX_ANSWERS = 400;
    /** The longest comment kept, in characters. */
    static final int MAX_COMMENT = 500;

    private final Predicate<String> bankHasItem;

    @Autowired
    AnswerValidator(ItemBank bank) {
        this(id -> bank.item(id).isPresent());
    }

    /** {@code bankHasItem}: whether an item id is in the bank (to tell "no such question" from "not yours"). */
    AnswerValidator(Predicate<String> bankHasItem) {
        this.bankHasItem = bankHasItem;
    }

    /** The draft's answers with {@code sent} merged in; a null value clears an answer. */
    Map<AnswerKey, Integer> answers(Draft draft, Map<String, Integer> sent) {
        Map<AnswerKey, Integer> merged = new LinkedHashMap<>(draft.answers());
        if (sent == null) {
            return merged;
        }
        if (sent.size() > MAX_ANSWERS) {
            throw new InvalidInputException("answers", "at most " + MAX_ANSWERS + " answers per request");
        }
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, Integer> a : sent.entrySet()) {
            String text = a.getKey();
            Optional<AnswerKey> key = AnswerKey.parse(text).filter(draft.plan()::hasKey);
            if (key.isEmpty()) {
                String item = text == null ? "" : text.split("@", -1)[0];
                errors.add(new InvalidInputException.FieldError("answers." + abbreviate(text),
                        bankHasItem.test(item) ? "this question is not part of your survey" : "there is no such question"));
            } else if (a.getValue() == null) {
                merged.remove(key.get());
            } else if (a.getValue() < 0 || a.getValue() > Item.MAX_VALUE) {
                errors.add(new InvalidInputException.FieldError("answers." + text,
                        "an answer is one of the options 0 to " + Item.MAX_VALUE + ", not " + a.getValue()));
            } else {
                merged.put(key.get(), a.getValue());
            }
        }
        throwIfAny(errors);
        return merged;
    }

    /** The draft's comments with {@code sent} merged in: control characters out, a blank one clears it. */
    Map<CommentKey, String> comments(Draft draft, Map<String, String> sent) {
        Map<CommentKey, String> merged = new LinkedHashMap<>(draft.comments());
        // one kept in a draft before it was known to say nothing is none
        merged.values().removeIf(text -> !TypedText.visible(text));
        if (sent == null) {
            return merged;
        }
        if (sent.size() > draft.plan().blocks().size()) {
            throw new InvalidInputException("comments", "at most one comment per part of the survey");
        }
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, String> c : sent.entrySet()) {
            // a browser sends a line break typed in a comment as CR LF and counts it as one character against the box's
            // limit: it is one here too (CR became a space, and a comment the box took was refused as too long)
            String text = c.getValue() == null ? "" : c.getValue().replace("\r\n", "\n").replace('\r', '\n')
                    .replaceAll("[\\p{Cntrl}&&[^\n]]", " ").strip();
            Optional<CommentKey> key = CommentKey.parse(c.getKey()).filter(draft.plan()::hasCommentKey);
            int length = text.codePointCount(0, text.length());
            if (key.isEmpty()) {
                errors.add(new InvalidInputException.FieldError("comments." + abbreviate(c.getKey()),
                        "this part of your survey takes no comment"));
            } else if (length > MAX_COMMENT) {
                // the one fault a respondent can make with an ordinary browser (one without the box's limit): said in their
                // language on the page that keeps what they wrote (the survey's error page gave it in English, with the field)
                throw new InvalidInputException("comments." + c.getKey(), new Text("survey.comment.tooLong", MAX_COMMENT, length));
            } else if (!TypedText.visible(text)) {
                // nothing to read: spaces of any kind (a no-break space survives strip()), invisible format characters (a
                // zero-width space), or characters that show nothing (a Hangul filler, a braille blank, a lone combining
                // grapheme joiner) made a comment that sent an otherwise empty survey as answered (outside tests)
                merged.remove(key.get());
            } else {
                merged.put(key.get(), text);
            }
        }
        throwIfAny(errors);
        return merged;
    }

    private static void throwIfAny(List<InvalidInputException.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, errors);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : InvalidInputException.abbreviate(s, 60);
    }
}
