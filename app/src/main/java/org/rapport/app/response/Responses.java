package org.rapport.app.response;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.springframework.stereotype.Service;

/**
 * Submitted questionnaires: stored once, with no link to the code that opened them, no time finer
 * than the day and nothing about the device; read back for calibration, measures and comments.
 */
@Service
public class Responses {
    private final ResponseRepository repository;

    Responses(ResponseRepository repository) {
        this.repository = repository;
    }

    /** A questionnaire as submitted: under its window, role and (pupils, parents) class. */
    public record Submitted(long windowId, RespondentRole role, Long classId, Map<AnswerKey, Integer> answers,
                            Map<CommentKey, String> comments) {
    }

    /** Stores the response, its answers and its comments in one statement; call within the submission's transaction. */
    public UUID store(Submitted response) {
        return repository.insert(response);
    }

    /** Every answer of these windows, by response, then teacher, then item. */
    public List<AnswerRow> answers(Collection<Long> windowIds) {
        return repository.answers(windowIds);
    }

    /** How many responses each of these windows has (windows without any are left out). */
    public Map<Long, Long> countByWindow(Collection<Long> windowIds) {
        return repository.countByWindow(windowIds);
    }

    /** A comment with the response it came with and the teacher it is about (null for the school). */
    public record Comment(UUID response, Long target, String body) {
    }

    /** The comments of these windows on a relationship, about one teacher or (target null) all of them. */
    public List<Comment> comments(Collection<Long> windowIds, Relationship relationship, Long target) {
        return repository.comments(windowIds, relationship, target);
    }
}
