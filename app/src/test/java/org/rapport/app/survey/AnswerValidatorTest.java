package org.rapport.app.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;
import org.rapport.app.web.InvalidInputException;

/** The validator alone: no server, no database. */
class AnswerValidatorTest {
    /** What is left of a full comment after four lines of 98 characters and their line breaks. */
    static final int MAX_COMMENT_LEFT = AnswerValidator.MAX_COMMENT - 4 * 99;

    static final Set<String> BANK = Set.of("pt_res_1", "pt_reg_2", "ps_bel_1", "tc_res_1");
    final AnswerValidator validator = new AnswerValidator(BANK::contains);
    // a pupil taught by teacher 7: a block about them and one about the school
    final SurveyPlan plan = new SurveyPlan(List.of(
            new SurveyPlan.Block(Relationship.PUPIL_TEACHER, 7L, "Ms Okafor", List.of("pt_res_1", "pt_reg_2")),
            new SurveyPlan.Block(Relationship.PUPIL_SCHOOL, null, null, List.of("ps_bel_1"))));
    final Draft empty = new Draft(plan);

    static Map<String, Integer> sent(Object... keysAndValues) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
        }
        return m;
    }

    static List<InvalidInputException.FieldError> refused(Runnable r) {
        return catchThrowableOfType(InvalidInputException.class, r::run).errors();
    }

    @Test
    void answersOfThePlanAreMergedTypedAndANullClearsOne() {
        Map<AnswerKey, Integer> merged = validator.answers(empty, sent("pt_res_1@7", 3, "ps_bel_1", 0));
        assertThat(merged).containsExactly(Map.entry(new AnswerKey("pt_res_1", 7L), 3), Map.entry(new AnswerKey("ps_bel_1", null), 0));
        Draft saved = new Draft(plan, merged, Map.of(), null);
        assertThat(validator.answers(saved, sent("pt_res_1@7", null))).containsOnlyKeys(new AnswerKey("ps_bel_1", null));
        assertThat(validator.answers(saved, null)).isEqualTo(merged);
    }

    @Test
    void everyFaultIsNamedAndNothingIsMergedWhenThereIsOne() {
        Map<String, Integer> bad = sent("pt_res_1@7", 2, "nope", 1, "tc_res_1", 1, "pt_res_1@8", 1, "pt_reg_2@7", 5, "ps_bel_1@x", 1);
        List<InvalidInputException.FieldError> errors = refused(() -> validator.answers(empty, bad));
        assertThat(errors).containsExactly(
                new InvalidInputException.FieldError("answers.nope", "there is no such question"),
                new InvalidInputException.FieldError("answers.tc_res_1", "this question is not part of your survey"),
                new InvalidInputException.FieldError("answers.pt_res_1@8", "this question is not part of your survey"),
                new InvalidInputException.FieldError("answers.pt_reg_2@7", "an answer is one of the options 0 to 4, not 5"),
                new InvalidInputException.FieldError("answers.ps_bel_1@x", "this question is not part of your survey"));
        assertThat(empty.answers()).isEmpty();
    }

    @Test
    void tooManyAnswersAtOnceAreRefused() {
        Map<String, Integer> many = new HashMap<>();
        for (int k = 0; k <= AnswerValidator.MAX_ANSWERS; k++) {
            many.put("x" + k, 1);
        }
        assertThat(refused(() -> validator.answers(empty, many))).extracting(InvalidInputException.FieldError::field).containsExactly("answers");
    }

    @Test
    void commentsAreCleanedBoundedAndOnlyWhereTheSurveyAsksForThem() {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("PUPIL_TEACHER@7", "  Kind\u0007 and\tfair\nmostly ");
        sent.put("PUPIL_SCHOOL", "ok");
        Map<CommentKey, String> merged = validator.comments(empty, sent);
        assertThat(merged).containsExactly(Map.entry(new CommentKey(Relationship.PUPIL_TEACHER, 7L), "Kind  and fair\nmostly"),
                Map.entry(new CommentKey(Relationship.PUPIL_SCHOOL, null), "ok"));
        assertThat(validator.comments(new Draft(plan, Map.of(), merged, null), Map.of("PUPIL_SCHOOL", "  ")))
                .containsOnlyKeys(new CommentKey(Relationship.PUPIL_TEACHER, 7L));
        // nothing to read is no comment: a no-break space (strip() keeps it) or zero-width spaces sent an otherwise empty
        // survey as answered (an outside test)
        for (String invisible : java.util.List.of("\u00a0", "\u200b\u200b", " \u2007\u202f\ufeff ")) {
            assertThat(validator.comments(new Draft(plan, Map.of(), merged, null), Map.of("PUPIL_SCHOOL", invisible)))
                    .as(invisible.codePoints().mapToObj(Integer::toHexString).toList().toString())
                    .containsOnlyKeys(new CommentKey(Relationship.PUPIL_TEACHER, 7L));
        }

        // 500 characters count as characters, not UTF-16 units: 500 emoji are allowed, 501 are not
        String emoji = "\uD83D\uDE00";
        assertThat(validator.comments(empty, Map.of("PUPIL_SCHOOL", emoji.repeat(AnswerValidator.MAX_COMMENT)))).hasSize(1);
        assertThat(refused(() -> validator.comments(empty, Map.of("PUPIL_SCHOOL", emoji.repeat(AnswerValidator.MAX_COMMENT + 1)))))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("this one has 501"));
        // line breaks as a browser sends them (CR LF) count once, as the comment box counts them: a comment the box took is
        // kept, line breaks as line breaks (each counted twice, a full box was refused as 504 characters, an outside test)
        String lines = ("x".repeat(98) + "\r\n").repeat(4) + "x".repeat(MAX_COMMENT_LEFT);
        assertThat(lines.replace("\r\n", "\n")).hasSize(AnswerValidator.MAX_COMMENT);
        assertThat(validator.comments(empty, Map.of("PUPIL_SCHOOL", lines)).values()).singleElement()
                .isEqualTo(lines.replace("\r\n", "\n"));
        assertThat(refused(() -> validator.comments(empty, Map.of("PUPIL_TEACHER@8", "hi", "TEACHER_LEADERS", "hi"))))
                .extracting(InvalidInputException.FieldError::field)
                .containsExactlyInAnyOrder("comments.PUPIL_TEACHER@8", "comments.TEACHER_LEADERS");
        assertThat(refused(() -> validator.comments(empty, Map.of("a", "1", "b", "2", "c", "3"))))
                .extracting(InvalidInputException.FieldError::field).containsExactly("comments");
    }

    /** What the outside test sent as a comment: a Hangul filler, a Hangul choseong filler, a braille blank, a combining grapheme joiner, a Khmer inherent vowel. */
    static final String SHOWS_NOTHING = "\u3164\u115F\u2800\u034F\u17B5";

    @Test
    void aCommentOfCharactersThatShowNothingIsNoComment() {
        // letters to Java (a Hangul filler is one), a symbol (the braille blank), marks: nothing a reader sees
        for (String nothing : List.of(SHOWS_NOTHING, "\u3164", "\u115F\u1160", "\u2800 \u2800", "\u034F", "\u17B4\u17B5", "\uFFA0",
                "\u0301\u0301", "\u200D\u2060", "\u3000")) {
            assertThat(validator.comments(empty, Map.of("PUPIL_SCHOOL", nothing)))
                    .as(nothing.codePoints().mapToObj(Integer::toHexString).toList().toString()).isEmpty();
        }
        // a draft that kept one before says nothing either
        Draft kept = new Draft(plan, Map.of(), Map.of(new CommentKey(Relationship.PUPIL_SCHOOL, null), SHOWS_NOTHING), null);
        assertThat(validator.comments(kept, Map.of())).isEmpty();
        assertThat(validator.comments(kept, null)).isEmpty();
        // anything that can be read is a comment: a letter of any script, a digit, a punctuation mark, a symbol
        for (String something : List.of("\uD55C", "\u4E2D", "\u0663", "?", "\u2026", "\uD83D\uDC4D", "\u3164ok", "+", "\u00E9")) {
            assertThat(validator.comments(empty, Map.of("PUPIL_SCHOOL", something))).as(something).hasSize(1);
        }
    }

    @Test
    void keysWrittenAsTextRoundTrip() {
        assertThat(AnswerKey.parse("pt_res_1@7")).contains(new AnswerKey("pt_res_1", 7L));
        assertThat(AnswerKey.parse("ps_bel_1")).contains(new AnswerKey("ps_bel_1", null));
        assertThat(new AnswerKey("pt_res_1", 7L).toString()).isEqualTo("pt_res_1@7");
        for (String bad : new String[] {"", "@7", "x@", "x@-1", "x@0", "x@1@2", "x@99999999999999999999", "x@ 7"}) {
            assertThat(AnswerKey.parse(bad)).as(bad).isEmpty();
        }
        assertThat(CommentKey.parse("PUPIL_TEACHER@7")).contains(new CommentKey(Relationship.PUPIL_TEACHER, 7L));
        assertThat(CommentKey.parse("PUPIL_SCHOOL")).contains(new CommentKey(Relationship.PUPIL_SCHOOL, null));
        assertThat(CommentKey.parse("pupil_school")).isEmpty();
        assertThat(CommentKey.parse("PUPIL_TEACHER@")).isEmpty();
    }
}
