package org.rapport.app.access;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.web.ClientAddress;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Text;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.stereotype.Service;

/**
 * Access codes as the survey meets them: typed in (rate-limited), opened (what the code is for, or
 * why it cannot be used), and claimed once on submission.
 */
@Service
public class Codes {
    private final CodeRepository codes;
    private final CodeHasher hasher;
    private final CodeAttemptLimiter limiter;
    private final Windows windows;
    private final org.rapport.app.config.Sealer sealer;
    private final org.rapport.app.school.Schools schools;
    private final CodeProof proof;

    Codes(CodeRepository codes, CodeHasher hasher, CodeAttemptLimiter limiter, Windows windows, org.rapport.app.config.Sealer sealer,
          org.rapport.app.school.Schools schools, CodeProof proof) {
        this.proof = proof;
        this.codes = codes;
        this.hasher = hasher;
        this.limiter = limiter;
        this.windows = windows;
        this.sealer = sealer;
        this.schools = schools;
    }

    /** A code typed by a person, put in canonical form (its check, with the limits on guessing, is {@link #open}). */
    public String enter(String typed) {
        return AccessCode.normalise(typed).orElseThrow(() -> new InvalidInputException("code", new Text("survey.error.codeForm")));
    }

    /** The proof that a client opened this canonical code ({@link CodeProof}): give it only after the code opened. */
    public String proof(String code) {
        return proof.of(hasher.hash(code));
    }

    /** The keyed hash of a canonical code. */
    public byte[] hash(String code) {
        return hasher.hash(code);
    }

    /**
     * What a canonical code opens. Every path that checks a code comes here (starting, resuming, saving
     * and sending a survey, by page or API), so one limit on guessing holds for all of them: a client
     * address over its limit of unknown codes is refused before the code is looked at, and an unknown
     * code counts against the address and against everyone's shared limit.
     */
    public CodeContext open(String code) {
        String client = ClientAddress.current().orElse(null);
        byte[] hash = hasher.hash(code);
        if (!proof.shownFor(hash)) {
            limiter.check(client);
        }
        CodeRepository.Row row = codes.find(hash).orElse(null);
        if (row == null) {
            limiter.failed(client);
            throw new InvalidInputException("code", new Text("survey.error.codeUnknown"));
        }
        if (row.used()) {
            throw usedCode();
        }
        return new CodeContext(hash, openWindow(row.windowId()), row.role(), row.classId(), pattern(row), choosesClasses(row));
    }

    /** A timetable pupil's code of their home group, not made for a set of classes: the pupil chooses theirs. */
    private static boolean choosesClasses(CodeRepository.Row row) {
        return row.timetable() && row.patternSeal() == null;
    }

    private Long pattern(CodeRepository.Row row) {
        return row.patternSeal() == null ? null : sealer.openLong(row.patternSeal());
    }

    /**
     * A claimed code: the window, role and class its submission is stored under; for a timetable pupil's code, the
     * pattern it was made for (the code itself no longer holds it), or that the pupil chooses their classes.
     */
    public record Claim(SurveyWindow window, RespondentRole role, Long classId, Long patternId, boolean choosesClasses) {
        public Claim(SurveyWindow window, RespondentRole role, Long classId) {
            this(window, role, classId, null, false);
        }
    }

    /**
     * Marks the code used, if it is unused and its window open; empty if it is used already (the caller
     * tells a retry from a second submission). Call within the submission's transaction, so that a
     * failure afterwards gives the code back.
     */
    public Optional<Claim> claim(byte[] hash) {
        // an address over its limit learns nothing here either (an unknown code is counted by open), unless it shows it opened this code
        if (!proof.shownFor(hash)) {
            limiter.check(ClientAddress.current().orElse(null));
        }
        return codes.claim(hash).map(row -> new Claim(openWindow(row.windowId()), row.role(), row.classId(), pattern(row), choosesClasses(row)));
    }

    /** A code's window, which must be open for the code to be used: 409 saying why not otherwise. */
    private SurveyWindow openWindow(long windowId) {
        SurveyWindow window = windows.get(windowId);
        if (!window.isOpen()) {
            throw new ConflictException("code", new Text(window.status() == SurveyWindow.Status.DRAFT
                    ? "survey.error.notOpen" : "survey.error.closed"));
        }
        return window;
    }

    public static ConflictException usedCode() {
        return new ConflictException("code", new Text("survey.error.codeUsed"));
    }

    /** Codes issued to a role in these windows, per window and class (class null for staff). */
    public record Invited(long windowId, Long classId, int codes) {
    }

    /** Codes issued per window and class, by role, in one statement; timetable pupils' codes are {@link #invitedPatterns}'. */
    public java.util.Map<RespondentRole, List<Invited>> invited(Collection<Long> windowIds) {
        java.util.Map<RespondentRole, List<Invited>> out = new java.util.EnumMap<>(RespondentRole.class);
        for (CodeRepository.Count c : codes.counts(windowIds)) {
            if (!c.timetable()) {
                out.computeIfAbsent(c.role(), r -> new java.util.ArrayList<>()).add(new Invited(c.windowId(), c.classId(), c.issued()));
            }
        }
        return out;
    }

    /** Pupil codes a window issued for the pupils of a pattern: its home group, all its classes (sorted) and how many. */
    public record PatternInvited(long windowId, long homeClassId, List<Long> classIds, int codes) {
    }

    /** Timetable pupils' codes issued in these windows, per pattern (counts only: which code is whose is kept nowhere). */
    public List<PatternInvited> invitedPatterns(Collection<Long> windowIds) {
        List<CodeRepository.PatternCount> counts = codes.patternCounts(windowIds);
        java.util.Map<Long, org.rapport.app.school.PupilPattern> patterns = new java.util.HashMap<>();
        schools.patterns(counts.stream().map(CodeRepository.PatternCount::patternId).distinct().toList()).forEach(p -> patterns.put(p.id(), p));
        return counts.stream().filter(c -> c.codes() > 0).map(c -> {
            org.rapport.app.school.PupilPattern p = patterns.get(c.patternId());
            return new PatternInvited(c.windowId(), p.homeClassId(), p.classIds(), c.codes());
        }).toList();
    }

    /** The hashes of a window's unused codes (whose drafts go before the codes do), or of its used ones (whose receipts). */
    public List<byte[]> hashes(long windowId, boolean used) {
        return codes.hashes(windowId, used);
    }

    /** Deletes a window's unused codes, counted so that response rates stay right; their drafts must be gone first. */
    public int purgeUnused(long windowId) {
        return codes.purgeUnused(windowId);
    }
}
