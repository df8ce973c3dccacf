package org.rapport.app.safeguarding;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.school.SchoolSettings;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.NotFoundException;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A comment that may disclose harm reaches the school's designated safeguarding leads at once,
 * whatever the size of the group: its text, the window, and nothing else (docs/SAFEGUARDING.md).
 * Leads are named by a school admin; the phrases are the network's, per language.
 */
@Service
public class Safeguarding {
    /** A network's list for one language: enough for a real list, few enough to read through. */
    static final int MAX_PHRASES = 500;
    private final SafeguardingRepository repository;
    private final Schools schools;
    private final SchoolAccess access;
    private final Windows windows;
    private final SchoolSettings settings;

    Safeguarding(SafeguardingRepository repository, Schools schools, SchoolAccess access, Windows windows, SchoolSettings settings) {
        this.settings = settings;
        this.repository = repository;
        this.schools = schools;
        this.access = access;
        this.windows = windows;
    }

    /**
     * Keeps a copy of each comment that matches a concern phrase of the network in any language,
     * in the caller's transaction: the concern is stored with the response or not at all.
     */
    public void screen(SurveyWindow window, RespondentRole role, Collection<String> comments) {
        if (comments.isEmpty()) {
            return;
        }
        long network = schools.find(window.schoolId()).orElseThrow().networkId();
        List<String> phrases = new ArrayList<>();
        lists(network).values().forEach(phrases::addAll);
        for (String comment : comments) {
            Set<String> matched = ConcernPhrases.matches(comment, phrases);
            if (!matched.isEmpty()) {
                repository.addConcern(window.schoolId(), window.id(), comment, matched, LocalDate.now());
            }
        }
    }

    /** The phrases in force for a network, by language: its own list where it has one, else the shipped one. */
    public Map<String, List<String>> lists(long networkId) {
        Map<String, List<String>> lists = new TreeMap<>(ConcernPhrases.shipped());
        lists.putAll(repository.phrases(networkId));
        return lists;
    }

    @Transactional
    public void setPhrases(StaffUser user, String language, List<String> phrases) {
        if (!user.isNetworkAdmin()) {
            throw new AccessDeniedException("network admins only");
        }
        if (language == null || !ConcernPhrases.LANGUAGE.matcher(language).matches()) {
            throw new InvalidInputException("language", "give the language as its two- or three-letter ISO 639 code, such as en or pl");
        }
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        Set<String> clean = new LinkedHashSet<>();
        for (int i = 0; i < phrases.size(); i++) {
            String p = phrases.get(i) == null ? "" : ConcernPhrases.normalise(phrases.get(i));
            if (p.isEmpty()) {
                continue;
            }
            if (!ConcernPhrases.PHRASE.matcher(p).matches()) {
                errors.add(new InvalidInputException.FieldError("phrases[" + i + "]", "\"" + p
                        + "\": use 2 to 80 letters, digits, spaces, hyphens or apostrophes, with * only at the end"));
            } else {
                clean.add(p);
            }
        }
        if (clean.isEmpty() && errors.isEmpty()) {
            errors.add(new InvalidInputException.FieldError("phrases", "a list needs at least one phrase: an empty list would let every comment through"));
        }
        if (clean.size() > MAX_PHRASES) {
            errors.add(new InvalidInputException.FieldError("phrases", "at most " + MAX_PHRASES + " phrases"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, errors);
        }
        repository.setPhrases(user.networkId(), language, clean);
    }

    public record Lead(long id, String name, boolean lead) {
    }

    /** The school's staff, each with whether they are a designated safeguarding lead. */
    public List<Lead> leads(StaffUser user, long schoolId) {
        School school = access.manage(user, schoolId);
        List<Long> leads = repository.leads(school.id());
        return schools.staff(school.id()).stream().filter(StaffMember::active).map(m -> new Lead(m.id(), m.name(), leads.contains(m.id())))
                .toList();
    }

    /** How many safeguarding leads each of these schools has named; a school with none is left out. */
    public Map<Long, Integer> leadCounts(Collection<Long> schoolIds) {
        return schoolIds.isEmpty() ? Map.of() : repository.leadCounts(schoolIds);
    }

    @Transactional
    public void setLeads(StaffUser user, long schoolId, Collection<Long> staffIds) {
        School school = access.manage(user, schoolId);
        for (long id : staffIds) {
            schools.findStaff(id).filter(m -> m.schoolId() != null && m.schoolId() == school.id() && m.active())
                    .orElseThrow(() -> new InvalidInputException("leads", "staff member " + id + " is not on this school's staff"));
        }
        repository.setLeads(school.id(), new LinkedHashSet<>(staffIds));
    }

    /** A school's leads and support text together: both are saved, or neither. */
    @Transactional
    public void saveSchool(StaffUser user, long schoolId, Collection<Long> leads, String supportText) {
        setLeads(user, schoolId, leads);
        settings.setSupportText(user, schoolId, supportText);
    }

    public record Concern(long id, String school, String window, String text, List<String> phrases, String reviewedBy,
                          OffsetDateTime reviewedAt) {
        public boolean reviewed() {
            return reviewedAt != null;
        }
    }

    /** The concerns of the schools whose lead {@code user} is; nobody else has any. */
    public List<Concern> concerns(StaffUser user) {
        List<Long> led = repository.schoolsLedBy(user.id());
        if (led.isEmpty()) {
            return List.of();
        }
        List<Concern> out = new ArrayList<>();
        for (SafeguardingRepository.Row r : repository.concerns(led)) {
            String school = schools.find(r.schoolId()).map(School::name).orElse("");
            String reviewer = r.reviewedBy() == null ? null : schools.findStaff(r.reviewedBy()).map(StaffMember::name).orElse("");
            out.add(new Concern(r.id(), school, windows.get(r.windowId()).name(), r.body(), r.phrases(), reviewer, r.reviewedAt()));
        }
        return out;
    }

    /** Concerns not yet reviewed in the schools whose lead {@code user} is. */
    public int waiting(StaffUser user) {
        List<Long> led = repository.schoolsLedBy(user.id());
        return led.isEmpty() ? 0 : repository.waiting(led);
    }

    /** Concerns not yet reviewed in a school, for its admin to see that someone must look. */
    public int waiting(long schoolId) {
        return repository.waiting(List.of(schoolId));
    }

    public boolean isLead(StaffUser user) {
        return !repository.schoolsLedBy(user.id()).isEmpty();
    }

    /** A lead marks a concern as dealt with; it stays, with who did so and when. */
    @Transactional
    public void review(StaffUser user, long concernId) {
        List<Long> led = repository.schoolsLedBy(user.id());
        if (led.isEmpty()) {
            throw new AccessDeniedException("designated safeguarding leads only");
        }
        long school = repository.schoolOf(concernId).orElseThrow(() -> new NotFoundException("concern", concernId));
        if (!led.contains(school)) {
            throw new AccessDeniedException("designated safeguarding leads of the school only");
        }
        repository.review(concernId, user.id());
    }

    /**
     * With a window's raw answers: deletes the copies of its comments that a lead has reviewed. One not
     * yet reviewed stays until it is, so that no disclosure is deleted unread.
     */
    public int deleteReviewed(long windowId) {
        return repository.deleteReviewed(windowId);
    }
}
