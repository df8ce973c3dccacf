package org.rapport.app.survey;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rapport.app.access.AccessCode;
import org.rapport.app.access.CodeContext;
import org.rapport.app.access.Codes;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.language.Language;
import org.rapport.app.response.AnswerKey;
import org.rapport.app.response.CommentKey;
import org.rapport.app.response.Responses;
import org.rapport.app.safeguarding.Safeguarding;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Text;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sending a survey, once. In one transaction: the code is claimed, the draft taken, what was sent
 * merged and checked, and the response stored (with no link to the code) together with its receipt
 * under the client's idempotency key, so that a retry gets the same acknowledgement and exactly one
 * submission of a code wins. A comment that matches a concern phrase is copied for the school's
 * safeguarding leads in the same transaction. The acknowledgement is given only after the commit.
 */
@Service
public class Submissions {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[A-Za-z0-9_-]{16,80}$");

    private final Codes codes;
    private final DraftRepository drafts;
    private final Receipts receipts;
    private final Responses responses;
    private final Planner planner;
    private final AnswerValidator validator;
    private final Safeguarding safeguarding;
    private final SupportShown support;
    private final SecureRandom random = new SecureRandom();
    private final MessageSource messages;
    private final RespondentNetwork network;

    Submissions(Codes codes, DraftRepository drafts, Receipts receipts, Responses responses, Planner planner,
                AnswerValidator validator, Safeguarding safeguarding, SupportShown support, MessageSource messages,
                RespondentNetwork network) {
        this.network = network;
        this.messages = messages;
        this.safeguarding = safeguarding;
        this.support = support;
        this.codes = codes;
        this.drafts = drafts;
        this.receipts = receipts;
        this.responses = responses;
        this.planner = planner;
        this.validator = validator;
    }

    /** Submits the draft with {@code answers} and {@code comments} (keys as sent, either may be null) merged in. */
    @Transactional
    public Acknowledgement submit(String code, String idempotencyKey, Map<String, Integer> answers, Map<String, String> comments) {
        return submit(code, idempotencyKey, answers, comments, null);
    }

    /** As {@link #submit(String, String, Map, Map, Language, String)} from a client that holds no survey's key. */
    @Transactional
    public Acknowledgement submit(String code, String idempotencyKey, Map<String, Integer> answers, Map<String, String> comments,
                                  Language language) {
        return submit(code, idempotencyKey, answers, comments, language, null);
    }

    /**
     * As {@link #submit(String, String, Map, Map)}, in {@code language} (null: the draft's, else English):
     * the response is stored with it, and acknowledged in it. A timetable pupil's survey is sent only from the device it
     * was started on ({@code holderKey}, 409 from any other).
     */
    @Transactional
    public Acknowledgement submit(String code, String idempotencyKey, Map<String, Integer> answers, Map<String, String> comments,
                                  Language language, String holderKey) {
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidInputException("Idempotency-Key",
                    "send a unique key of 16 to 80 letters, digits, - or _ (a UUID will do) with each submission");
        }
        byte[] hash = codes.hash(code);
        Optional<Codes.Claim> claim = codes.claim(hash);
        if (claim.isEmpty()) {
            // used meanwhile: if by this very submission (same key), acknowledge it again; else say why
            Optional<Acknowledgement> ours = receipts.find(idempotencyKey, hash);
            if (ours.isPresent()) {
                return ours.get();
            }
            codes.open(code);
            throw Codes.usedCode();
        }
        Codes.Claim c = claim.get();
        network.use(c.window());
        Draft draft = drafts.take(hash)
                .orElseGet(() -> new Draft(planner.plan(new CodeContext(hash, c.window(), c.role(), c.classId(), c.patternId(), c.choosesClasses()))));
        if (!DraftHolder.holds(draft, holderKey)) {
            // the whole transaction goes back: the code stays unused and the draft where it was
            throw SurveySessions.startedElsewhere();
        }
        Map<AnswerKey, Integer> allAnswers = validator.answers(draft, answers);
        Map<CommentKey, String> allComments = validator.comments(draft, comments);
        if (allAnswers.isEmpty() && allComments.isEmpty()) {
            // nothing to send: the code stays unused and nothing counts as answered (an empty survey used the code and
            // raised the response rate; issue 25)
            throw new InvalidInputException("answers", new Text("survey.empty"));
        }
        String tag = language != null ? language.tag() : draft.language();
        // a pupil's page ends with whom to talk to, in the survey's language where the school wrote it in that language
        Optional<SupportShown.Shown> shown = c.role() == RespondentRole.PUPIL ? support.of(c.window().schoolId(), tag) : Optional.empty();
        Acknowledgement ack = new Acknowledgement(receiptNumber(), allAnswers.size(),
                messages.getMessage("survey.thanks.saved", null, Language.locale(tag)),
                c.role() == RespondentRole.PUPIL, shown.map(SupportShown.Shown::text).orElse(null),
                shown.map(SupportShown.Shown::language).orElse(null), shown.map(SupportShown.Shown::direction).orElse(null));
        try {
            SurveyPlan plan = draft.plan();
            if (plan.inParts()) {
                // a timetable pupil's answers, one part per class, held until the window is settled (docs/DATA-PROTECTION.md)
                responses.hold(parts(c, tag, plan, allAnswers, allComments), c.classId(), receipts.of(idempotencyKey, hash, ack));
            } else {
                responses.store(new Responses.Submitted(c.window().id(), c.role(), c.classId(), tag, allAnswers, allComments),
                        receipts.of(idempotencyKey, hash, ack));
            }
            safeguarding.screen(c.window(), c.role(), allComments.values());
        } catch (DuplicateKeyException e) {
            // the key was used for another code's submission: this one is refused, and its claim rolled back
            throw Receipts.keyUsed();
        }
        return ack;
    }

    /** What a submission under this key (one of the web survey's, kept in the browser that sent it) was acknowledged with, if any. */
    Optional<Receipts.Sent> sent(String idempotencyKey) {
        return idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches() ? Optional.empty() : receipts.find(idempotencyKey);
    }

    /**
     * A timetable pupil's answers split by class: each block's answers and comment in the part of the class it is asked
     * in (the school's in the home group's), and a part for every class of the pattern, even one left unanswered, so
     * that each class counts the pupil once. No part says which other classes the pupil is in.
     */
    static List<Responses.Submitted> parts(Codes.Claim c, String language, SurveyPlan plan, Map<AnswerKey, Integer> answers,
                                           Map<CommentKey, String> comments) {
        Map<Long, Map<AnswerKey, Integer>> answersOf = new LinkedHashMap<>();
        Map<Long, Map<CommentKey, String>> commentsOf = new LinkedHashMap<>();
        plan.classes().forEach(k -> {
            answersOf.put(k, new LinkedHashMap<>());
            commentsOf.put(k, new LinkedHashMap<>());
        });
        for (SurveyPlan.Block b : plan.blocks()) {
            for (String item : b.items()) {
                Integer value = answers.get(b.key(item));
                if (value != null) {
                    answersOf.get(b.classId()).put(b.key(item), value);
                }
            }
            if (b.commentKey() != null && comments.containsKey(b.commentKey())) {
                commentsOf.get(b.classId()).put(b.commentKey(), comments.get(b.commentKey()));
            }
        }
        List<Responses.Submitted> parts = new ArrayList<>();
        plan.classes().forEach(k -> parts.add(new Responses.Submitted(c.window().id(), c.role(), k, language, answersOf.get(k), commentsOf.get(k))));
        return parts;
    }

    private String receiptNumber() {
        byte[] b = new byte[5];
        random.nextBytes(b);
        StringBuilder sb = new StringBuilder("R-");
        for (byte x : b) {
            sb.append(AccessCode.ALPHABET.charAt((x & 0xFF) % AccessCode.ALPHABET.length()));
        }
        return sb.toString();
    }
}
