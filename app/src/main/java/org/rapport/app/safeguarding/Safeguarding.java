package org.rapport.app.safeguarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.NotFoundException;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A comment that may disclose harm reaches the school's designated safeguarding leads at once,
 * whatever the size of the group: its text, the window, and nothing else (docs/SAFEGUARDING.md).
 * Leads are named by a school admin; until one is, the school's first admin (its head) is the lead.
 * The phrases are the network's, per language. The leads are e-mailed of each new concern, and the
 * school's admins when it waits unreviewed longer than the school's escalation time
 * ({@link SafeguardingAlerts}).
 */
@Service
public class Safeguarding {
    /** A network's list for one language: enough for a real list, few enough to read through. */
    static final int MAX_PHRASES = 500;
    /** The longest a school may let a concern wait before its admins are alerted: a week. */
    static final int MAX_ESCALATION_HOURS = 168;
    private final SafeguardingRepository repository;
    private final Schools schools;
    private final SchoolAccess access;
    private final Windows windows;
    private final SchoolSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final int defaultEscalationHours;

    Safeguarding(SafeguardingRepository repository, Schools schools, SchoolAccess access, Windows windows, SchoolSettings settings,
                 Clock clock, ApplicationEventPublisher events, @Value("${rapport.concern-escalation-hours:24}") int defaultEscalationHours) {
        if (defaultEscalationHours < 1 || defaultEscalationHours > MAX_ESCALATION_HOURS) {
            throw new IllegalStateException("rapport.concern-escalation-hours (RAPPORT_CONCERN_ESCALATION_HOURS) must be 1 to "
                    + MAX_ESCALATION_HOURS + " hours, not " + defaultEscalationHours);
        }
        this.settings = settings;
        this.repository = repository;
        this.schools = schools;
        this.access = access;
        this.windows = windows;
        this.clock = clock;
        this.events = events;
        this.defaultEscalationHours = defaultEscalationHours;
    }

    /** Published in the transaction that stored new concerns: once it commits, their leads are mailed. */
    record ConcernsArrived(long schoolId) {
    }

    /**
     * Keeps a copy of each comment that matches a concern phrase of the network in any language,
     * in the caller's transaction: the concern is stored with the response or not at all. Its leads
     * are mailed after the commit, off the respondent's request. Should the school have no lead (no
     * change of its staff may leave it so while a window is open: {@link LeadKept}), the concern is
     * escalated at once, and its admins are mailed with its leads' mail.
     */
    public void screen(SurveyWindow window, RespondentRole role, Collection<String> comments) {
        if (comments.isEmpty()) {
            return;
        }
        long network = schools.find(window.schoolId()).orElseThrow().networkId();
        List<String> phrases = new ArrayList<>();
        lists(network).values().forEach(phrases::addAll);
        boolean any = false;
        Boolean led = null;
        for (String comment : comments) {
            Set<String> matched = ConcernPhrases.matches(comment, phrases);
            if (!matched.isEmpty()) {
                led = led == null ? hasLead(window.schoolId()) : led;
                if (led) {
                    repository.addConcern(window.schoolId(), window.id(), comment, matched, LocalDate.now(clock), escalateAt(window.schoolId()));
                } else {
                    // nobody would read it: the school's admins are alerted at once, and a lead named later still gets it
                    repository.addConcernWithoutLead(window.schoolId(), window.id(), comment, matched, LocalDate.now(clock));
                }
                any = true;
            }
        }
        if (any) {
            events.publishEvent(new ConcernsArrived(window.schoolId()));
        }
    }

    /** When a concern arriving now escalates: after the school's escalation time, rounded up to the hour (no minute is kept). */
    private Instant escalateAt(long schoolId) {
        Instant due = clock.instant().plus(Duration.ofHours(escalationHours(schoolId)));
        Instant hour = due.truncatedTo(ChronoUnit.HOURS);
        return hour.equals(due) ? hour : hour.plus(Duration.ofHours(1));
    }

    /** How long a concern of the school may wait unreviewed before its admins are alerted: its own setting, else the default. */
    public int escalationHours(long schoolId) {
        return repository.escalationHours(schoolId).orElse(defaultEscalationHours);
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

    /** A member of staff of the school; {@code lead}: a lead now; {@code byDefault}: the lead only because none is named. */
    public record Lead(long id, String name, boolean lead, boolean byDefault) {
    }

    /** The school's staff, each with whether they are a designated safeguarding lead (named, or the head by default). */
    public List<Lead> leads(StaffUser user, long schoolId) {
        School school = access.manage(user, schoolId);
        List<StaffMember> staff = activeStaff(school.id());
        List<Long> named = named(school.id(), staff);
        Optional<StaffMember> byDefault = named.isEmpty() ? defaultLead(staff) : Optional.empty();
        return staff.stream().map(m -> new Lead(m.id(), m.name(), named.contains(m.id()) || byDefault.filter(d -> d.id() == m.id()).isPresent(),
                byDefault.filter(d -> d.id() == m.id()).isPresent())).toList();
    }

    /** How many safeguarding leads each of these schools has named; a school with none is left out. */
    public Map<Long, Integer> leadCounts(Collection<Long> schoolIds) {
        return schoolIds.isEmpty() ? Map.of() : repository.leadCounts(schoolIds);
    }

    /** Each school's leads now, named or its head by default (as {@link #leadsOf}), for many schools in two statements. */
    public Map<Long, Leads> leads(Collection<Long> schoolIds) {
        if (schoolIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<Long>> named = repository.leadsOf(schoolIds);
        Map<Long, List<StaffMember>> staff = schools.staff(schoolIds);
        Map<Long, Leads> out = new LinkedHashMap<>();
        for (long id : schoolIds) {
            List<StaffMember> active = staff.getOrDefault(id, List.of()).stream().filter(StaffMember::active).toList();
            List<Long> namedActive = active.stream().map(StaffMember::id).filter(named.getOrDefault(id, List.of())::contains).toList();
            out.put(id, new Leads(leadsAmong(active, namedActive), namedActive.isEmpty()));
        }
        return out;
    }

    /** A school's leads and whether they lead only by default (none named). */
    public record Leads(List<StaffMember> staff, boolean byDefault) {
    }

    /**
     * The school's designated safeguarding leads: the active staff a school admin named, or while none
     * is named, its head by default. Empty only for a school with neither (no admin of its own yet).
     */
    public List<StaffMember> leadsOf(long schoolId) {
        List<StaffMember> staff = activeStaff(schoolId);
        return leadsAmong(staff, named(schoolId, staff));
    }

    private static List<StaffMember> leadsAmong(List<StaffMember> activeStaff, List<Long> named) {
        if (named.isEmpty()) {
            return defaultLead(activeStaff).map(List::of).orElse(List.of());
        }
        return activeStaff.stream().filter(m -> named.contains(m.id())).toList();
    }

    /** Whether the school has a lead, named or by default: a window cannot open without one. */
    public boolean hasLead(long schoolId) {
        return !leadsOf(schoolId).isEmpty();
    }

    /**
     * The leads a change of the school's staff would leave without a successor: the school's leads now (named, or
     * its head by default), if after the change it would have none. Empty when it keeps a lead, or had none to lose.
     * {@code before} and {@code after} are the school's accounts (see {@link org.rapport.app.school.StaffGuard.Change});
     * a named lead merged away is named as the person kept.
     */
    List<StaffMember> leadsLost(long schoolId, List<StaffMember> before, List<StaffMember> after, Map<Long, Long> mergedInto) {
        List<Long> named = repository.leads(schoolId);
        List<StaffMember> activeBefore = before.stream().filter(m -> m.active() && m.schoolId() != null && m.schoolId() == schoolId).toList();
        List<StaffMember> leadsBefore = leadsAmong(activeBefore, activeBefore.stream().map(StaffMember::id).filter(named::contains).toList());
        if (leadsBefore.isEmpty()) {
            return List.of();
        }
        Set<Long> namedAfter = new LinkedHashSet<>();
        named.forEach(id -> namedAfter.add(mergedInto.getOrDefault(id, id)));
        List<StaffMember> activeAfter = after.stream().filter(m -> m.active() && m.schoolId() != null && m.schoolId() == schoolId).toList();
        return leadsAmong(activeAfter, activeAfter.stream().map(StaffMember::id).filter(namedAfter::contains).toList()).isEmpty()
                ? leadsBefore : List.of();
    }

    /** Whether a window of the school is open now: the name of the first, if one is. */
    Optional<String> openWindow(long schoolId) {
        return windows.forSchool(schoolId).stream().filter(SurveyWindow::isOpen).map(SurveyWindow::name).findFirst();
    }

    private List<StaffMember> activeStaff(long schoolId) {
        return schools.staff(schoolId).stream().filter(StaffMember::active).toList();
    }

    /** The named leads who are still active staff of the school (one who left leads no more). */
    private List<Long> named(long schoolId, List<StaffMember> activeStaff) {
        List<Long> named = repository.leads(schoolId);
        return activeStaff.stream().map(StaffMember::id).filter(named::contains).toList();
    }

    /**
     * The lead while none is named: the head, that is the school's first administrator who is a member
     * of it (the earliest account of an active admin of the school: the one the school was set up with,
     * else the first leader its roster made). Never a teacher.
     */
    static Optional<StaffMember> defaultLead(List<StaffMember> activeStaff) {
        return activeStaff.stream().filter(m -> !StaffUser.Role.TEACHER.name().equals(m.role())).min(Comparator.comparingLong(StaffMember::id));
    }

    /**
     * Names the school's leads: staff of the school only, each checked. An empty list returns the school to
     * its default lead; refused (409) if that would leave a school with an open window without any lead.
     */
    @Transactional
    public void setLeads(StaffUser user, long schoolId, Collection<Long> staffIds) {
        School school = access.manage(user, schoolId);
        for (Long id : staffIds) {
            if (id == null) {
                throw new InvalidInputException("leads", "a lead's staff id is missing");
            }
            schools.findStaff(id).filter(m -> m.schoolId() != null && m.schoolId() == school.id() && m.active())
                    .orElseThrow(() -> new InvalidInputException("leads", "staff member " + id + " is not on this school's staff"));
        }
        if (staffIds.isEmpty() && defaultLead(activeStaff(school.id())).isEmpty()
                && windows.forSchool(school.id()).stream().anyMatch(SurveyWindow::isOpen)) {
            throw new ConflictException("leads", "a window of " + school.name() + " is open: name at least one designated safeguarding lead, "
                    + "so that a comment that may disclose harm reaches someone");
        }
        repository.setLeads(school.id(), new LinkedHashSet<>(staffIds));
    }

    /** A school's leads and support text together: both are saved, or neither. */
    @Transactional
    public void saveSchool(StaffUser user, long schoolId, Collection<Long> leads, String supportText) {
        saveSchool(user, schoolId, leads, supportText, null);
    }

    /** The same with the school's escalation time in hours (null: unchanged). */
    @Transactional
    public void saveSchool(StaffUser user, long schoolId, Collection<Long> leads, String supportText, Integer escalationHours) {
        saveSchool(user, schoolId, leads, supportText, null, escalationHours);
    }

    /**
     * The same with the school's support texts for languages of their own, by language tag ({@link SchoolSettings#setSupportTexts};
     * null: unchanged).
     */
    @Transactional
    public void saveSchool(StaffUser user, long schoolId, Collection<Long> leads, String supportText, Map<String, String> supportTexts,
                           Integer escalationHours) {
        if (escalationHours != null && (escalationHours < 1 || escalationHours > MAX_ESCALATION_HOURS)) {
            throw new InvalidInputException("escalateAfterHours", "give a number of hours from 1 to " + MAX_ESCALATION_HOURS + " (a week)");
        }
        // checked before anything is saved: the support texts are the pupils' to read
        settings.checkSupportTexts(supportText, supportTexts);
        setLeads(user, schoolId, leads);
        settings.setSupportTexts(user, schoolId, supportText, supportTexts);
        if (escalationHours != null) {
            repository.setEscalationHours(schoolId, escalationHours);
        }
    }

    /**
     * What a school's admins see of its safeguarding: its leads' names (and whether the lead is the
     * head by default), how many concerns wait unreviewed and how many of those escalated after
     * waiting, or at once because they arrived while the school had no lead. Counts only, never a text.
     */
    public record SchoolState(long schoolId, List<String> leads, boolean byDefault, int unreviewed, int escalated, int withoutLead,
                              int escalationHours) {
        public boolean hasLead() {
            return !leads.isEmpty();
        }
    }

    /** The state of each school {@code user} manages among {@code schoolIds}, by school id. */
    public Map<Long, SchoolState> states(StaffUser user, Collection<Long> schoolIds) {
        Map<Long, SafeguardingRepository.Waiting> waiting = repository.waitingBySchool(schoolIds);
        Map<Long, SchoolState> out = new LinkedHashMap<>();
        for (long id : schoolIds) {
            School school = access.manage(user, id);
            List<StaffMember> staff = activeStaff(school.id());
            List<Long> named = named(school.id(), staff);
            SafeguardingRepository.Waiting w = waiting.getOrDefault(id, new SafeguardingRepository.Waiting(0, 0, 0));
            out.put(id, new SchoolState(id, leadsAmong(staff, named).stream().map(StaffMember::name).toList(), named.isEmpty(), w.unreviewed(),
                    w.escalated(), w.withoutLead(), escalationHours(id)));
        }
        return out;
    }

    /**
     * Whom a concern that waited too long goes to: the school's administrators who are members of it,
     * or if it has none of its own (a school set up on its own, whose head is the network's admin), the
     * network's admins.
     */
    List<StaffMember> escalationRecipients(long schoolId) {
        List<StaffMember> admins = activeStaff(schoolId).stream().filter(m -> !StaffUser.Role.TEACHER.name().equals(m.role())).toList();
        if (!admins.isEmpty()) {
            return admins;
        }
        long network = schools.find(schoolId).orElseThrow().networkId();
        return schools.networkAdmins(network).stream().filter(StaffMember::active).toList();
    }

    public record Concern(long id, String school, String window, String text, List<String> phrases, String reviewedBy,
                          OffsetDateTime reviewedAt) {
        public boolean reviewed() {
            return reviewedAt != null;
        }
    }

    /** The school whose lead {@code user} is (none, or their own school: a lead is staff of the school). */
    private List<Long> schoolsLedBy(StaffUser user) {
        Long school = user.schoolId();
        return school != null && leadsOf(school).stream().anyMatch(m -> m.id() == user.id()) ? List.of(school) : List.of();
    }

    /** The concerns of the schools whose lead {@code user} is; nobody else has any. */
    public List<Concern> concerns(StaffUser user) {
        List<Long> led = schoolsLedBy(user);
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
        List<Long> led = schoolsLedBy(user);
        return led.isEmpty() ? 0 : repository.waiting(led);
    }

    /** Concerns not yet reviewed in a school, for its admin to see that someone must look. */
    public int waiting(long schoolId) {
        return repository.waiting(List.of(schoolId));
    }

    public boolean isLead(StaffUser user) {
        return !schoolsLedBy(user).isEmpty();
    }

    /** A lead marks a concern as dealt with; it stays, with who did so and when. */
    @Transactional
    public void review(StaffUser user, long concernId) {
        List<Long> led = schoolsLedBy(user);
        if (led.isEmpty()) {
            throw new AccessDeniedException("designated safeguarding leads only");
        }
        long school = repository.schoolOf(concernId).orElseThrow(() -> new NotFoundException("concern", concernId));
        if (!led.contains(school)) {
            throw new AccessDeniedException("designated safeguarding leads of the school only");
        }
        repository.review(concernId, user.id(), clock.instant());
    }

    /**
     * With a window's raw answers: deletes the copies of its comments that a lead has reviewed. One not
     * yet reviewed stays until it is, so that no disclosure is deleted unread.
     */
    public int deleteReviewed(long windowId) {
        return repository.deleteReviewed(windowId);
    }
}
