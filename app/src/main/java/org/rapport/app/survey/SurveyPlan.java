package org.rapport.app.survey;

import java.util.List;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;

/**
 * The blocks one respondent is asked, fixed when they first enter their code so that a resumed survey looks the same.
 * {@code classes}: for a timetable pupil, the classes of their pattern, home group first (each block says in which of
 * them it is asked, and the submission is stored in one part per class); null for everyone else.
 */
public record SurveyPlan(List<Block> blocks, List<Long> classes) {

    public SurveyPlan(List<Block> blocks) {
        this(blocks, null);
    }

    /** {@code classId}: for a timetable pupil, the class in which this block's answers are stored (null for anyone else). */
    public record Block(Relationship relationship, Long targetId, String targetName, List<String> items, Long classId) {
        public Block(Relationship relationship, Long targetId, String targetName, List<String> items) {
            this(relationship, targetId, targetName, items, null);
        }

        /** The key of an item's answer in this block: the item, with the teacher for per-teacher blocks. */
        public AnswerKey key(String itemId) {
            return new AnswerKey(itemId, targetId);
        }

        /** The key of the block's comment, or null if it takes none: the relationship, with the teacher. */
        public CommentKey commentKey() {
            return relationship.takesComments() ? new CommentKey(relationship, targetId) : null;
        }
    }

    /** Whether this is a timetable pupil's survey, stored in parts, one per class. */
    public boolean inParts() {
        return classes != null && !classes.isEmpty();
    }

    public int questions() {
        return blocks.stream().mapToInt(b -> b.items().size()).sum();
    }

    public boolean hasCommentKey(CommentKey key) {
        return key != null && blocks.stream().anyMatch(b -> key.equals(b.commentKey()));
    }

    public boolean hasKey(AnswerKey key) {
        return blocks.stream().anyMatch(b -> b.items().stream().anyMatch(i -> b.key(i).equals(key)));
    }
}
