package org.rapport.app.survey;

import java.util.List;
import org.rapport.app.itembank.Relationship;

/** The blocks one respondent is asked, fixed when they first enter their code so that a resumed survey looks the same. */
public record SurveyPlan(List<Block> blocks) {

    public record Block(Relationship relationship, Long targetId, String targetName, List<String> items) {
        /** The answer key of an item in this block: the item id, with the teacher's id for per-teacher blocks. */
        public String key(String itemId) {
            return targetId == null ? itemId : itemId + "@" + targetId;
        }

        /** The key of the block's comment, or null if it takes none: the relationship, with the teacher's id. */
        public String commentKey() {
            if (!relationship.takesComments()) {
                return null;
            }
            return targetId == null ? relationship.name() : relationship.name() + "@" + targetId;
        }
    }

    public int questions() {
        return blocks.stream().mapToInt(b -> b.items().size()).sum();
    }

    public boolean hasCommentKey(String key) {
        return key != null && blocks.stream().anyMatch(b -> key.equals(b.commentKey()));
    }

    public boolean hasKey(String key) {
        return blocks.stream().anyMatch(b -> b.items().stream().anyMatch(i -> b.key(i).equals(key)));
    }
}
