package org.rapport.app.response;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final PartRepository parts;
    private final org.rapport.app.config.Sealer sealer;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    private final int minimum;

    Responses(ResponseRepository repository, org.springframework.context.ApplicationEventPublisher events, PartRepository parts,
              org.rapport.app.config.Sealer sealer, com.fasterxml.jackson.databind.ObjectMapper json,
              org.rapport.app.config.RapportProperties properties) {
        this.minimum = properties.minCellSize();
        this.repository = repository;
        this.events = events;
        this.parts = parts;
        this.sealer = sealer;
        this.json = json;
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
        return stored(repository.insert(response, receipt), response);
    }

    private UUID stored(UUID id, Submitted response) {
        List<AnswerRow> answers = response.answers().entrySet().stream()
                .map(a -> new AnswerRow(id, response.windowId(), response.classId(), a.getKey().target(), a.getKey().item(), a.getValue()))
                .toList();
        events.publishEvent(new Stored(id, response.windowId(), response.classId(), answers));
        return id;
    }

    // a timetable pupil's submission, in parts

    /**
     * A timetable pupil's submission, split into one part per class of their pattern (docs/DATA-PROTECTION.md): the
     * receipt is stored, and each part is held, sealed with the pupil's home group, until the window is settled (closed
     * for good) and {@link #releaseOne} stores it as a response of its own, or withholds it. Call within the submission's
     * transaction.
     */
    public void hold(List<Submitted> split, long homeClassId, Receipt receipt) {
        repository.insertReceipt(receipt);
        for (Submitted part : split) {
            parts.hold(UUID.randomUUID(), part.windowId(), sealer.sealText(write(part, homeClassId)));
        }
    }

    /** A part as it is sealed: its keys written as text, and the home group of its pupil (null in parts held before it was kept). */
    private record PartText(long windowId, RespondentRole role, Long classId, String language, Map<String, Integer> answers,
                            Map<String, String> comments, Long homeClassId) {
    }

    /** A held part opened: the part, and its pupil's home group (null if not kept). */
    private record Opened(Submitted part, Long homeClassId) {
        /** A part of a class other than the home group's. */
        boolean elsewhere() {
            return homeClassId != null && !homeClassId.equals(part.classId());
        }
    }

    private String write(Submitted part, long homeClassId) {
        Map<String, Integer> answers = new java.util.LinkedHashMap<>();
        part.answers().forEach((k, v) -> answers.put(k.toString(), v));
        Map<String, String> comments = new java.util.LinkedHashMap<>();
        part.comments().forEach((k, v) -> comments.put(k.toString(), v));
        try {
            return json.writeValueAsString(new PartText(part.windowId(), part.role(), part.classId(), part.language(), answers, comments,
                    homeClassId));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Opened read(byte[] sealed) {
        PartText t;
        try {
            t = json.readValue(sealer.openText(sealed), PartText.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a held part cannot be read", e);
        }
        Map<AnswerKey, Integer> answers = new java.util.LinkedHashMap<>();
        t.answers().forEach((k, v) -> answers.put(AnswerKey.parse(k).orElseThrow(), v));
        Map<CommentKey, String> comments = new java.util.LinkedHashMap<>();
        t.comments().forEach((k, v) -> comments.put(CommentKey.parse(k).orElseThrow(), v));
        return new Opened(new Submitted(t.windowId(), t.role(), t.classId(), t.language(), answers, comments), t.homeClassId());
    }

    /**
     * The home groups of the window fewer than k of whose pupils sent: each sender has one part in their home group,
     * held or stored. Their pupils' parts of other classes are withheld (docs/DATA-PROTECTION.md): a home group's count
     * is shown from its first answer on, so whatever was counted of the other classes of its one or two senders would
     * say which of its pupils they are (an outside test, December 2026: a set's count, a teacher's own count of pupils,
     * or a calibration's count of answer sets, each beside the home group's 1). Call in a transaction of one snapshot
     * (repeatable read), so that a release meanwhile moves a part from held to stored without changing the count.
     */
    public Set<Long> fewSenders(long windowId) {
        Map<Long, Integer> senders = new java.util.HashMap<>();
        for (PartRepository.Held h : parts.held(windowId)) {
            Opened o = read(h.sealed());
            if (o.homeClassId() != null) {
                senders.merge(o.homeClassId(), o.elsewhere() ? 0 : 1, Integer::sum);
            }
        }
        Map<Long, Integer> stored = parts.released(windowId);
        Set<Long> few = new HashSet<>();
        senders.forEach((home, held) -> {
            if (held + stored.getOrDefault(home, 0) < minimum) {
                few.add(home);
            }
        });
        return few;
    }

    /**
     * Stores one held part as a response, or withholds it for good when it is of a class other than the home group of a
     * pupil whose home group is in {@code fewSenders}: every part of a window once it is settled, one per transaction, in
     * random order, so that nothing written with a part says which other classes its pupil is in. Call in a transaction
     * of its own; a part another release is storing, or has stored, is left to it.
     */
    public void releaseOne(UUID heldId, Set<Long> fewSenders) {
        parts.lockOne(heldId).ifPresent(h -> {
            Opened o = read(h.sealed());
            if (o.elsewhere() && fewSenders.contains(o.homeClassId())) {
                parts.withhold(h.id());
                return;
            }
            Submitted part = o.part();
            stored(repository.insert(part, null, h.day()), part);
            parts.delete(List.of(h.id()));
            parts.countReleased(h.windowId(), part.classId(), 1);
        });
    }

    /** The ids of a window's held parts. */
    public List<UUID> heldParts(long windowId) {
        return parts.ids(windowId);
    }

    /**
     * How many parts of timetable submissions each class of the window has stored: none until the window is settled
     * (closed for good), when every part is stored, so that no look while answers can still come tells whose just came.
     */
    public Map<Long, Integer> partsByClass(long windowId) {
        return parts.released(windowId);
    }

    /** The windows with parts still held. */
    public List<Long> windowsHolding() {
        return parts.windowsHolding();
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

    /**
     * The timetable classes of these windows that stored fewer than k parts. Their answers count nowhere: not in a
     * result (a school's count of parts less the sets' counts shown would be the hidden sets' total, a few pupils'
     * numbers of classes), nor in what pools answers across classes ({@link #answersToPool}). A teaching set's count is
     * shown only from k on for the same reason: which sets have one or two answers would be a few pupils' timetables.
     */
    public Set<ClassInWindow> fewParts(Collection<Long> windowIds) {
        return new HashSet<>(parts.fewerThan(windowIds, minimum));
    }

    /**
     * The answers of these windows that may be pooled across classes and schools, where only their counts and item
     * statistics are seen (the calibration, its drift and language checks, the research export): every answer but those
     * of a timetable class with fewer than k parts ({@link #fewParts}). A count of answer sets about teachers, weighted by
     * how many teachers each set has, would otherwise say which sets a lone sender ticked (an outside test, December 2026).
     */
    public List<AnswerRow> answersToPool(Collection<Long> windowIds) {
        Set<ClassInWindow> few = fewParts(windowIds);
        List<AnswerRow> all = repository.answers(windowIds);
        if (few.isEmpty()) {
            return all;
        }
        return all.stream().filter(a -> a.classId() == null || !few.contains(new ClassInWindow(a.windowId(), a.classId()))).toList();
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
        int withheld = parts.withheld(windowId);
        int heldParts = parts.deleteWindow(windowId) - withheld;
        if (heldParts > 0) {
            counts.put("held parts", heldParts);
        }
        if (withheld > 0) {
            counts.put("withheld parts", withheld);
        }
        counts.put("receipts", repository.deleteReceipts(usedCodeHashes));
        return counts;
    }
}
