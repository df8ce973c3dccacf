package org.rapport.app.retention;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rapport.app.access.Codes;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.response.Responses;
import org.rapport.app.safeguarding.Safeguarding;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.school.SchoolSettings;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.survey.SurveySessions;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Wave;
import org.rapport.app.window.WindowService;
import org.rapport.app.window.Windows;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting raw data and keeping what was released (docs/DATA-PROTECTION.md). A window's raw answers
 * (responses, answers, comments, scores, receipts, drafts, unused codes) are deleted by a school
 * admin or, after the network's retention period, by the daily job; the wave's results are frozen
 * first, so trends survive and nothing later can be differenced against what was deleted; never
 * before the network is calibrated, which would lose the round (the job skips such windows and logs it). Unused
 * codes and drafts go a grace period after a window closes. Every deletion is logged.
 */
@Service
public class Retention {
    static final String RAW = "raw answers";
    static final String UNUSED = "unused codes and drafts";
    private final Windows windows;
    private final WindowService windowService;
    private final Schools schools;
    private final SchoolAccess access;
    private final SchoolSettings settings;
    private final MeasureService measures;
    private final Responses responses;
    private final Codes codes;
    private final SurveySessions sessions;
    private final Safeguarding safeguarding;
    private final DeletionLog log;
    private final int graceDays;
    private static final Logger logger = LoggerFactory.getLogger(Retention.class);
    /** The day the job last logged that it kept a window's raw answers, per window. */
    private final Map<Long, LocalDate> skipped = new java.util.concurrent.ConcurrentHashMap<>();

    Retention(Windows windows, WindowService windowService, Schools schools, SchoolAccess access, SchoolSettings settings,
              MeasureService measures, Responses responses, Codes codes, SurveySessions sessions, Safeguarding safeguarding,
              DeletionLog log, RapportProperties properties) {
        this.windows = windows;
        this.windowService = windowService;
        this.schools = schools;
        this.access = access;
        this.settings = settings;
        this.measures = measures;
        this.responses = responses;
        this.codes = codes;
        this.sessions = sessions;
        this.safeguarding = safeguarding;
        this.log = log;
        this.graceDays = properties.purgeGraceDays();
    }

    /** 403 unless {@code user} may manage the window's school. */
    public void requireManage(StaffUser user, long windowId) {
        access.manage(user, windows.get(windowId).schoolId());
    }

    /**
     * A school admin (or network admin) deletes a closed window's raw answers; the released results stay.
     * Refused (409) while any school's window of the round is open, and until the round can be measured
     * (the network is calibrated), since its results are kept only once measured.
     */
    @Transactional
    public Map<String, Integer> deleteRaw(StaffUser user, long windowId) {
        SurveyWindow window = windows.get(windowId);
        access.manage(user, window.schoolId());
        return deleteRaw(window, user.id());
    }

    private Map<String, Integer> deleteRaw(SurveyWindow window, Long by) {
        if (window.rawDeletedOn() != null) {
            throw new ConflictException("window", "the raw answers of " + window.name() + " were deleted on " + window.rawDeletedOn());
        }
        School school = schools.find(window.schoolId()).orElseThrow();
        Wave wave = windows.wave(school.networkId(), window.name());
        long open = wave.windows().stream().filter(w -> w.status() != SurveyWindow.Status.CLOSED).count();
        if (open > 0) {
            // while any school of the round still takes answers, its results still change: they could not be kept as they are
            throw new ConflictException("window", "raw answers can be deleted once every school's window of " + window.name()
                    + " is closed; " + open + " " + (open == 1 ? "is" : "are") + " not");
        }
        if (!measures.measurable(school.networkId(), window.name())) {
            // freezing needs a calibration: without one there is nothing to keep, and the round would be lost
            throw new ConflictException("window", new Text("retention.refused.notMeasured", window.name()));
        }
        // the round is settled first (no reopening once its raw answers go): what waited for that, a timetable pupil's
        // parts, is stored and measured with the rest before anything is deleted
        windows.resultsShown(wave.windows());
        measures.freeze(school.networkId(), window.name());
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("drafts", sessions.discardDrafts(codes.hashes(window.id(), false)));
        counts.put("unused codes", codes.purgeUnused(window.id()));
        counts.putAll(responses.deleteWindow(window.id(), codes.hashes(window.id(), true)));
        counts.put("reviewed concerns", safeguarding.deleteReviewed(window.id()));
        windowService.markRawDeleted(window);
        log.add(school.networkId(), school.id(), window.id(), RAW, counts, by);
        return counts;
    }

    /**
     * What deleting a window's raw answers would do, for its admin to read first: {@code responses}, how many of the window's
     * responses go (each with its answers and comments), which the network's research export of the round then no longer
     * contains; {@code schoolsInRound}, how many schools' windows the round has; {@code deletable}, whether it can be done
     * now (closed, not yet deleted, every window of the round closed, the round measurable so that its results are kept
     * first: {@link #deleteRaw}); {@code roundOpen}, how many of the round's windows still take answers. Changes nothing.
     */
    public record RawPreview(long windowId, String window, String school, long responses, int schoolsInRound, long roundOpen,
                             boolean measurable, boolean deleted, boolean closed) {
        public boolean deletable() {
            return closed && !deleted && roundOpen == 0 && measurable;
        }
    }

    public RawPreview preview(StaffUser user, long windowId) {
        SurveyWindow window = windows.get(windowId);
        School school = access.manage(user, window.schoolId());
        Wave wave = windows.wave(school.networkId(), window.name());
        long open = wave.windows().stream().filter(w -> w.status() != SurveyWindow.Status.CLOSED).count();
        return new RawPreview(window.id(), window.name(), school.name(), responses.count(List.of(window.id())), wave.windows().size(), open,
                measures.measurable(school.networkId(), window.name()), window.rawDeletedOn() != null, window.isClosed());
    }

    /** Both jobs for every network, by one instance at a time (the others skip the round). */
    @Transactional
    public void runJobs(LocalDate today) {
        if (log.tryJobLock()) {
            for (long network : schools.networkIds()) {
                runFor(network, today);
            }
        }
    }

    /**
     * For one network: deletes the unused codes and drafts of windows closed at least the grace
     * period before {@code today}, then the raw answers of windows closed longer ago than the
     * network's retention period, once every window of their round is closed.
     */
    @Transactional
    public void runFor(long networkId, LocalDate today) {
        List<Long> schoolIds = schools.inNetwork(networkId).stream().map(School::id).toList();
        if (schoolIds.isEmpty()) {
            return;
        }
        for (SurveyWindow w : windows.closedBy(schoolIds, today.minusDays(graceDays))) {
            List<byte[]> unused = codes.hashes(w.id(), false);
            if (!unused.isEmpty()) {
                Map<String, Integer> counts = new LinkedHashMap<>();
                counts.put("drafts", sessions.discardDrafts(unused));
                counts.put("unused codes", codes.purgeUnused(w.id()));
                log.add(networkId, w.schoolId(), w.id(), UNUSED, counts, null);
            }
        }
        Integer period = settings.retentionPeriods().get(networkId);
        if (period == null) {
            return;
        }
        for (SurveyWindow w : windows.closedBy(schoolIds, today.minusDays(period))) {
            boolean roundClosed = windows.wave(networkId, w.name()).windows().stream().allMatch(x -> x.status() == SurveyWindow.Status.CLOSED);
            if (w.rawDeletedOn() == null && roundClosed) {
                if (measures.measurable(networkId, w.name())) {
                    deleteRaw(w, null);
                } else if (!today.equals(skipped.put(w.id(), today))) {
                    // once a day per window: the job runs every hour
                    logger.warn("retention: raw answers of window {} ({}, school {}) are past the retention period but kept: the network {} is "
                            + "not calibrated, and deleting them before their results are measured and kept would lose the round",
                            w.id(), w.name(), w.schoolId(), networkId);
                }
            }
        }
    }

    public record Deletion(String school, String window, String what, Map<String, Integer> counts, String by, OffsetDateTime at) {
    }

    /** The deletions a member of staff may see: the network's for a network admin, their school's for a school admin. */
    public List<Deletion> deletions(StaffUser user) {
        Long school = user.isNetworkAdmin() ? null : access.manage(user, user.schoolId() == null ? -1 : user.schoolId()).id();
        List<Deletion> out = new ArrayList<>();
        for (DeletionLog.Entry e : log.entries(user.networkId(), school)) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            e.counts().forEach((what, n) -> {
                if (n > 0) {
                    counts.put(what, n);
                }
            });
            out.add(new Deletion(e.schoolId() == null ? null : schools.find(e.schoolId()).map(School::name).orElse(null),
                    e.windowId() == null ? null : windows.get(e.windowId()).name(), e.what(), counts,
                    e.deletedBy() == null ? null : schools.findStaff(e.deletedBy()).map(StaffMember::name).orElse(null), e.deletedAt()));
        }
        return out;
    }
}
