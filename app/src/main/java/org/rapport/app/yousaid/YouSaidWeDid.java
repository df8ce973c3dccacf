package org.rapport.app.yousaid;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.school.SchoolSettings;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.Lists;
import org.rapport.app.web.NotFoundException;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "You said, we did": after a window, a school's leaders publish what they heard (chosen from the
 * school's results the privacy engine released, with their intervals, in plain words), what they will
 * do and by when. Pupils, parents and staff read it without signing in at the school's public address.
 * What was heard is kept as references and shown afresh from the released results on every view, so
 * the page can never show a number the privacy engine has not released. Families read what was heard in words and shares
 * ("about 7 in 10 answers were “often” or “always”"), staff choose it with its figure. One page per window: publishing
 * again corrects it in place; a page can be withdrawn from the public address and put back. Pages of other windows are
 * kept.
 */
@Service
public class YouSaidWeDid implements org.rapport.app.access.PublishedPages {
    private final YouSaidRepository pages;
    private final SchoolAccess access;
    private final SchoolSettings settings;
    private final Windows windows;
    private final MeasureService measures;
    private final ItemBank bank;
    private final MessageSource messages;

    YouSaidWeDid(YouSaidRepository pages, SchoolAccess access, SchoolSettings settings, Windows windows, MeasureService measures,
                 ItemBank bank, MessageSource messages) {
        this.pages = pages;
        this.access = access;
        this.settings = settings;
        this.windows = windows;
        this.measures = measures;
        this.bank = bank;
        this.messages = messages;
    }

    /**
     * One released school result: for staff with its figure ("Pupils about the school · Belonging: 48 (44 to 52)",
     * worded by {@link org.rapport.app.measuring.Points#interval}), for pupils and parents in plain words ({@code plain}: "Pupils about the school · Belonging: about 7 in 10
     * answers were “Often” or “Always”."); the public page carries {@code plain} only.
     */
    public record Heard(String scale, String words, String plain) {
    }

    /** The school's results of a window that the privacy engine shows, to choose from (school admins). */
    public List<Heard> options(StaffUser user, long windowId, Locale locale) {
        SurveyWindow window = windows.get(windowId);
        School school = access.manage(user, window.schoolId());
        return released(school, window, null, locale);
    }

    private static void refuseBidi(String field, String text) {
        org.rapport.app.web.ControlCharacters.refuseBidi(field, text);
    }

    /** Publishes a page for the window: what was heard (scale keys among the released results), what we will do, by when. */
    @Transactional
    public String publish(StaffUser user, long windowId, List<String> heard, String weWill, String byWhen, Locale locale) {
        SurveyWindow window = windows.get(windowId);
        School school = access.manage(user, window.schoolId());
        if (!window.isClosed()) {
            // nothing of it is released yet, and the live survey would link its own page as "last time you said"
            throw new org.rapport.app.web.ConflictException("window", new org.rapport.app.web.Text("yousaid.error.open", window.name()));
        }
        List<String> chosen = new ArrayList<>(new LinkedHashSet<>(heard == null ? List.of() : heard));
        // the page is public: no text on it may turn the words around it (a right-to-left override), as no control character may
        for (String key : chosen) {
            refuseBidi("heard", key);
        }
        refuseBidi("weWill", weWill);
        refuseBidi("byWhen", byWhen);
        List<String> allowed = released(school, window, null, locale).stream().map(Heard::scale).toList();
        for (String key : chosen) {
            if (!allowed.contains(key)) {
                throw new InvalidInputException("heard", "'" + InvalidInputException.abbreviate(key, 40) + "' is not a result of this window that is shown: choose among "
                        + String.join(", ", allowed));
            }
        }
        String will = weWill == null ? "" : weWill.strip();
        if (will.isEmpty() || will.length() > 3000) {
            throw new InvalidInputException("weWill", "say what you will do, in 1 to 3000 characters");
        }
        String when = byWhen == null ? "" : byWhen.strip();
        if (when.isEmpty() || when.length() > 80) {
            throw new InvalidInputException("byWhen", "say by when, in 1 to 80 characters (for example: by Easter)");
        }
        Optional<YouSaidRepository.Entry> page = pages.ofWindow(window.id());
        if (page.isPresent()) {
            // the window's page corrected in place (publishing again added a second page beside the first)
            pages.update(page.get().id(), chosen, will, when);
        } else {
            try {
                pages.insert(school.id(), window.id(), chosen, will, when, user.id());
            } catch (org.springframework.dao.DuplicateKeyException e) {
                throw new org.rapport.app.web.ConflictException("window", new org.rapport.app.web.Text("yousaid.error.concurrent"));
            }
        }
        return settings.publicKey(school.id());
    }

    /** The window's page as its school's leaders edit it: what it cites, says and promises, and whether it is withdrawn. */
    public record Current(List<String> heard, String weWill, String byWhen, LocalDate publishedOn, LocalDate updatedOn, boolean withdrawn) {
    }

    /** The window's page, if one was published (school admins). */
    public Optional<Current> current(StaffUser user, long windowId) {
        SurveyWindow window = windows.get(windowId);
        access.manage(user, window.schoolId());
        return pages.ofWindow(window.id()).map(e -> new Current(e.heard(), e.weWill(), e.byWhen(), e.publishedOn(), e.updatedOn(), e.withdrawn()));
    }

    /** The public address key of the window's school (its page is read there). */
    public String keyOfWindow(long windowId) {
        return settings.publicKey(windows.get(windowId).schoolId());
    }

    /** Takes the window's page off the school's public address; kept, to be put back. 404 where none was published. */
    @Transactional
    public void withdraw(StaffUser user, long windowId) {
        pages.withdraw(managedPage(user, windowId).id());
    }

    /** Puts a withdrawn page back on the public address. */
    @Transactional
    public void restore(StaffUser user, long windowId) {
        pages.restore(managedPage(user, windowId).id());
    }

    /** The window's page for one who manages its school; 404 where none was published. */
    private YouSaidRepository.Entry managedPage(StaffUser user, long windowId) {
        SurveyWindow window = windows.get(windowId);
        access.manage(user, window.schoolId());
        return pages.ofWindow(window.id()).orElseThrow(() -> new NotFoundException("page", windowId));
    }

    /** One published page as readers see it. */
    public record Page(String window, LocalDate publishedOn, LocalDate updatedOn, List<Heard> heard, String weWill, String byWhen) {
    }

    /**
     * A school's public pages, the newest window's first; 404 for an unknown key. {@code withdrawn}: none is shown because
     * the school withdrew what it had published (not that it never published).
     */
    public record Published(String school, String key, List<Page> pages, boolean withdrawn) {
    }

    public Published published(String key, Locale locale) {
        School school = settings.byPublicKey(key).orElseThrow(() -> new NotFoundException("\"you said, we did\" page", "'" + InvalidInputException.abbreviate(key, 40) + "'"));
        List<Page> out = new ArrayList<>();
        for (YouSaidRepository.Entry e : pages.ofSchool(school.id())) {
            SurveyWindow window = windows.get(e.windowId());
            // families read plain words: the figures are the staff's (the public answer carried them; an outside test)
            List<Heard> heard = released(school, window, e.heard(), locale).stream().map(h -> new Heard(h.scale(), null, h.plain())).toList();
            out.add(new Page(window.name(), e.publishedOn(), e.updatedOn(), heard, e.weWill(), e.byWhen()));
        }
        return new Published(school.name(), key, out, out.isEmpty() && pages.anyWithdrawn(school.id()));
    }

    /** The public address key of a school that has a page shown, for its survey pages, letters and slips. */
    @Override
    public Optional<String> keyOf(long schoolId) {
        return pages.any(schoolId) ? Optional.of(settings.publicKey(schoolId)) : Optional.empty();
    }

    /** The school's results of the window the privacy engine shows now, all or only {@code keys}, in plain words. */
    private List<Heard> released(School school, SurveyWindow window, List<String> keys, Locale locale) {
        Optional<WaveResults> wave = measures.show(school.networkId(), window.name(), List.of(window));
        if (wave.isEmpty()) {
            return List.of();
        }
        List<Heard> out = new ArrayList<>();
        for (Scale scale : Scale.all(bank)) {
            if (keys != null && !keys.contains(scale.key())) {
                continue;
            }
            GroupResult r = wave.get().result(scale, GroupKey.school(school.id()));
            if (r == null || !r.shown()) {
                continue;
            }
            String label = scale.label(messages, locale);
            out.add(new Heard(scale.key(), messages.getMessage("yousaid.heard", new Object[] {label, org.rapport.app.measuring.Points.interval(messages,
                    locale, r.measure().estimate(), r.measure().lower(), r.measure().upper())}, locale),
                    plain(label, r, scale, locale)));
        }
        return out;
    }

    /**
     * A released result in words a nine-year-old reads: how many answers in ten were the two highest options of the
     * part's answer scale, in the respondents' own words for them. No points, no interval: those are the staff's.
     */
    private String plain(String label, GroupResult r, Scale scale, Locale locale) {
        int[] answers = r.answers();
        long total = java.util.Arrays.stream(answers).asLongStream().sum();
        if (total == 0) {
            return label;
        }
        int top = org.rapport.app.itembank.Item.MAX_VALUE;
        long high = answers[top] + answers[top - 1];
        long inTen = Math.round(10.0 * high / total);
        // in one order on every line and every reading (an outside reader found "Quite a lot", "A lot", "Often" or "Always" on
        // one line and "Often", "Always", "Quite a lot" or "A lot" on the next)
        List<String> answerScales = scale.items(bank).stream().map(org.rapport.app.itembank.Item::scale).distinct().sorted().toList();
        String key = inTen >= 10 ? "yousaid.plain.all" : inTen <= 0 ? "yousaid.plain.none" : "yousaid.plain";
        // the two top answers in the respondents' own words, of each answer scale the part's questions use ("often" or
        // "always", "quite a lot" or "a lot"): "one of the two top answers" left a family to guess which
        List<String> options = new ArrayList<>();
        for (String answerScale : answerScales) {
            for (int v = top - 1; v <= top; v++) {
                options.add(messages.getMessage("yousaid.quoted", new Object[] {messages.getMessage("scale." + answerScale + "." + v, null, locale)},
                        locale));
            }
        }
        return messages.getMessage(key, new Object[] {label, inTen, Lists.or(options)}, locale);
    }

    /** The longest reply a teacher writes to their classes: a few sentences. */
    public static final int MAX_REPLY = 600;

    /** A teacher's reply to their classes after a window ("you told me…, so I will…"); blank removes it. */
    @Transactional
    public void reply(StaffUser user, long windowId, String text) {
        SurveyWindow window = windows.get(windowId);
        access.view(user, window.schoolId());
        if (!user.onStaffOf(window.schoolId())) {
            throw new org.springframework.security.access.AccessDeniedException("a reply is a teacher's, to their own classes");
        }
        // the reply is shown to the teacher's pupils above their survey: nothing in it may turn the words around it
        refuseBidi("text", text);
        String clean = text == null ? "" : text.strip();
        if (clean.length() > MAX_REPLY) {
            throw new InvalidInputException("text", "write at most " + MAX_REPLY + " characters");
        }
        if (clean.isEmpty()) {
            pages.deleteReply(user.id(), windowId);
        } else {
            pages.saveReply(user.id(), windowId, clean);
        }
    }

    /** The teacher's own reply after a window, if written. */
    public Optional<String> reply(StaffUser user, long windowId) {
        SurveyWindow window = windows.get(windowId);
        access.view(user, window.schoolId());
        if (!user.onStaffOf(window.schoolId())) {
            throw new org.springframework.security.access.AccessDeniedException("a reply is a teacher's, to their own classes");
        }
        return pages.reply(user.id(), windowId);
    }

    /** What these teachers last replied to their classes, for a survey in {@code windowId} (replies of other windows only). */
    public java.util.Map<Long, String> replies(java.util.Collection<Long> teacherIds, long windowId) {
        return teacherIds.isEmpty() ? java.util.Map.of() : pages.latestReplies(teacherIds, windowId);
    }
}
