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
 * Each submission's receipt is stored beside it, unlinked.
 */
@Service
public class Responses {
    private final ResponseRepository repository;
    private final org.springframework.context.ApplicationEventPublisher events;

    Responses(ResponseRepository repository, org.springframework.context.ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    /**
     * Published in the submission's transaction once a response is stored, with its answers, so that
     * what reports need of it is written in the same transaction (or not at all).
     */
    public record Stored(UUID id, long windowId, Long classId, List<AnswerRow> answers) {
    }

    /** A questionnaire as submitted: under its window, role and (pupils, parents) class, in a language (a tag, or null). */
    public record Submitted(long windowId, RespondentRole role, Long classId, String language, Map<AnswerKey, Integer> answers,
                            Map<CommentKey, String> comments) {
    }

    /**
     * What a submission was acknowledged with, kept under the client's idempotency key so that a retry
     * gets the same acknowledgement: the code's hash and the acknowledgement's text, nothing that
     * links it to the response.
     */
    public record Receipt(String idempotencyKey, byte[] codeHash, String text) {
    }

    /**
     * Stores the response, its answers, its comments and the submission's receipt in one statement;
     * call within the submission's transaction. A receipt key used before throws
     * {@link org.springframework.dao.DuplicateKeyException} and stores nothing.
     */
    public UUID store(Submitted response, Receipt receipt) {
        UUID id = repository.insert(response, receipt);
        List<AnswerRow> answers = response.answers().entrySet().stream()
                .map(a -> new AnswerRow(id, response.windowId(), response.classId(), a.getKey().target(), a.getKey().item(), a.getValue()))
                .toList();
        events.publishEvent(new Stored(id, response.windowId(), response.classId(), answers));
        return id;
    }

    /** Every answer of these responses, by response, then teacher, then item. */
    public List<AnswerRow> answersOf(Collection<UUID> responseIds) {
        return repository.answersOf(responseIds);
    }

    /** The receipt kept under an idempotency key. */
    public java.util.Optional<Receipt> receipt(String idempotencyKey) {
        return repository.receipt(idempotencyKey);
    }

    /** Every answer of these windows, by response, then teacher, then item. */
    public List<AnswerRow> answers(Collection<Long> windowIds) {
        return repository.answers(windowIds);
    }

    /** The language each response of these windows was given in (responses without one are left out). */
    public Map<UUID, String> languages(Collection<Long> windowIds) {
        return repository.languages(windowIds);
    }

    /** How many responses these windows have together: what changes when anyone answers. */
    public long count(Collection<Long> windowIds) {
        return countByWindow(windowIds).values().stream().mapToLong(Long::longValue).sum();
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

    /** What respondents said about one member of staff: in which windows, how many responses answered about them, how many comments. */
    public record About(java.util.Set<Long> windows, int responses, int comments) {
    }

    /** The windows in which respondents answered or commented about this member of staff, and how much. */
    public About about(long staffId) {
        return repository.about(staffId);
    }

    /**
     * Every answer and comment about {@code from} becomes one about {@code into} (two records of one person
     * merged: never two who both have answers in one window, which the caller checks). Answers what moved.
     */
    public About moveAbout(long from, long into) {
        return repository.moveAbout(from, into);
    }

    /**
     * Deletes a window's responses with their answers, comments and what reports kept of each, and the
     * receipts given for these codes; returns how many rows of each kind went.
     */
    public Map<String, Integer> deleteWindow(long windowId, Collection<byte[]> usedCodeHashes) {
        Map<String, Integer> counts = repository.deleteWindow(windowId);
        counts.put("receipts", repository.deleteReceipts(usedCodeHashes));
        return counts;
    }
}
