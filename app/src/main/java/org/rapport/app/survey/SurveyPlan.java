package org.rapport.app.survey;

import java.util.List;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;

/** The blocks one respondent is asked, fixed when they first enter their code so that a resumed survey looks the same. */
public record SurveyPlan(List<Block> blocks) {

    public record Block(Relationship relationship, Long targetId, String targetName, List<String> items) {
        /** The key of an item's answer in this block: the item, with the teacher for per-teacher blocks. */
        public AnswerKey key(String itemId) {
            return new AnswerKey(itemId, targetId);
        }

        /** The key of the block's comment, or null if it takes none: the relationship, with the teacher. */
        public CommentKey commentKey() {
            return relationship.takesComments() ? new CommentKey(relationship, targetId) : null;
        }
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
