package org.rapport.app.overview;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rapport.app.access.Codes;
import org.rapport.app.mail.Mailer;
import org.rapport.app.safeguarding.Safeguarding;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolAccess;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.Lists;
import org.rapport.app.web.PublicUrl;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The first-day guide on the overview: the steps from an empty start to a school's first survey, each
 * with its state and where to do it. The server's (public address, e-mail), then each school's: roster,
 * invitations, safeguarding lead, a window opened, codes produced. A school admin (and the network admin
 * of a school on its own) sees their school's steps; a network admin sees every school in one line each.
 * Done steps fold away; once every step is done the guide is gone. A step once done stays done (a second
 * window does not bring the guide back). For a network of any size, seven statements.
 */
@Service
class FirstDayGuide {
    /** Schools with steps left shown before the rest fold away. */
    static final int SCHOOLS_SHOWN = 10;
    private final Schools schools;
    private final SchoolAccess access;
    private final Windows windows;
    private final Codes codes;
    private final Safeguarding safeguarding;
    private final PublicUrl publicUrl;
    private final Mailer mailer;
    private final MessageSource messages;
    private final Clock clock;

    FirstDayGuide(Schools schools, SchoolAccess access, Windows windows, Codes codes, Safeguarding safeguarding, PublicUrl publicUrl,
                  Mailer mailer, MessageSource messages, Clock clock) {
        this.schools = schools;
        this.access = access;
        this.windows = windows;
        this.codes = codes;
        this.safeguarding = safeguarding;
        this.publicUrl = publicUrl;
        this.mailer = mailer;
        this.messages = messages;
        this.clock = clock;
    }

    /** One step: {@code id} names it (server: publicUrl, smtp; school: school, roster, invitations, lead, window, codes). */
    record Step(String id, boolean done, String text, String href, String action) {
    }


    /** A school's steps; {@code nextName}: the first still to do, in short, for a network admin's line (null when all are done). */
    record SchoolSteps(School school, List<Step> steps, String nextName) {
        public long done() {
            return steps.stream().filter(Step::done).count();
        }

        public boolean allDone() {
            return done() == steps.size();
        }

        /** The first step still to do. */
        public Step next() {
            return steps.stream().filter(s -> !s.done()).findFirst().orElse(null);
        }
    }

    /**
     * {@code compact}: a network admin's view, one line per school; otherwise one school's steps in
     * {@code steps} (the server's first). {@code ready}: schools with every step done.
     */
    record Guide(boolean compact, List<Step> steps, List<SchoolSteps> schools, int ready) {
        public List<Step> todo() {
            return steps.stream().filter(s -> !s.done()).toList();
        }

        public List<Step> doneSteps() {
            return steps.stream().filter(Step::done).toList();
        }

        /** Schools with steps left, in the order of the network's list. */
        public List<SchoolSteps> waiting() {
            return schools.stream().filter(s -> !s.allDone()).toList();
        }

        public List<SchoolSteps> waitingShown() {
            List<SchoolSteps> w = waiting();
            return w.subList(0, Math.min(SCHOOLS_SHOWN, w.size()));
        }

        public List<SchoolSteps> waitingFolded() {
            List<SchoolSteps> w = waiting();
            return w.size() <= SCHOOLS_SHOWN ? List.of() : w.subList(SCHOOLS_SHOWN, w.size());
        }

        public boolean finished() {
            return todo().isEmpty() && waiting().isEmpty();
        }
    }

    /**
     * The guide for {@code user} on the overview ({@code schoolId} null) or on one school's page; null
     * for teachers and once every step is done. 403 for a school the user may not see, as the page.
     */
    Guide of(StaffUser user, Long schoolId, Locale locale) {
        if (!(user.isNetworkAdmin() || user.isSchoolAdmin())) {
            return null;
        }
        List<School> scope;
        if (schoolId != null) {
            scope = List.of(access.view(user, schoolId));
        } else if (user.isNetworkAdmin()) {
            scope = schools.inNetwork(user.networkId());
        } else {
            scope = List.of(access.view(user, user.schoolId() == null ? -1 : user.schoolId()));
        }
        List<Step> server = new ArrayList<>();
        server.add(publicUrl.configured() ? new Step("publicUrl", true, msg(locale, "firstday.publicUrl.done", publicUrl.base()), null, null)
                : new Step("publicUrl", false, msg(locale, "firstday.publicUrl.todo", publicUrl.base()), null, null));
        server.add(new Step("smtp", mailer.configured(), msg(locale, mailer.configured() ? "firstday.smtp.done" : "firstday.smtp.todo"), null, null));
        List<SchoolSteps> perSchool = schoolSteps(scope, locale);
        Guide guide;
        if (scope.isEmpty()) {
            List<Step> steps = new ArrayList<>(server);
            steps.add(new Step("school", false, msg(locale, "firstday.school.todo"), "/staff/schools/new", msg(locale, "firstday.school.action")));
            guide = new Guide(false, steps, List.of(), 0);
        } else if (perSchool.size() == 1) {
            List<Step> steps = new ArrayList<>(server);
            steps.addAll(perSchool.get(0).steps());
            guide = new Guide(false, steps, List.of(), 0);
        } else {
            guide = new Guide(true, server, perSchool, (int) perSchool.stream().filter(SchoolSteps::allDone).count());
        }
        return guide.finished() ? null : guide;
    }

    private List<SchoolSteps> schoolSteps(List<School> scope, Locale locale) {
        List<Long> ids = scope.stream().map(School::id).toList();
        Map<Long, Schools.Readiness> readiness = schools.readiness(ids, clock.instant());
        Map<Long, Safeguarding.Leads> leads = safeguarding.leads(ids);
        Map<Long, List<SurveyWindow>> bySchool = new HashMap<>();
        List<SurveyWindow> all = windows.forSchools(ids);
        all.forEach(w -> bySchool.computeIfAbsent(w.schoolId(), s -> new ArrayList<>()).add(w));
        Map<Long, Integer> issued = issued(all.stream().map(SurveyWindow::id).toList());
        List<SchoolSteps> out = new ArrayList<>();
        for (School school : scope) {
            Schools.Readiness r = readiness.get(school.id());
            // oldest first
            List<SurveyWindow> own = bySchool.getOrDefault(school.id(), List.of());
            List<Step> steps = List.of(roster(school, r, locale), invitations(school, r, locale),
                    lead(school, leads.get(school.id()), locale), window(school, own, locale), codes(own, issued, locale));
            String next = steps.stream().filter(st -> !st.done()).findFirst().map(st -> msg(locale, "firstday.next." + st.id())).orElse(null);
            out.add(new SchoolSteps(school, steps, next));
        }
        return out;
    }

    private Map<Long, Integer> issued(Collection<Long> windowIds) {
        Map<Long, Integer> out = new HashMap<>();
        if (!windowIds.isEmpty()) {
            codes.invited(windowIds).values().forEach(list -> list.forEach(i -> out.merge(i.windowId(), i.codes(), Integer::sum)));
        }
        return out;
    }

    private Step roster(School school, Schools.Readiness r, Locale locale) {
        String href = "/staff/schools/" + school.id() + "/roster";
        return r.classes() > 0 ? new Step("roster", true, msg(locale, "firstday.roster.done", r.classes(), r.staff()), href, null)
                : new Step("roster", false, msg(locale, "firstday.roster.todo"), href, msg(locale, "firstday.roster.action"));
    }

    private Step invitations(School school, Schools.Readiness r, Locale locale) {
        String href = "/staff/schools/" + school.id() + "/roster#invite-heading";
        int notInvited = r.withoutPassword() - r.invited();
        if (r.classes() == 0) {
            return new Step("invitations", false, msg(locale, "firstday.invitations.afterRoster"), null, null);
        }
        if (notInvited > 0) {
            return new Step("invitations", false, msg(locale, "firstday.invitations.todo", r.withoutPassword(), notInvited), href,
                    msg(locale, "firstday.invitations.action"));
        }
        return new Step("invitations", true, r.withoutPassword() == 0 ? msg(locale, "firstday.invitations.done")
                : msg(locale, "firstday.invitations.waiting", r.withoutPassword()), href, null);
    }

    /** Done when the school has a lead, named or its head by default: the rule that lets a window open. */
    private Step lead(School school, Safeguarding.Leads leads, Locale locale) {
        String href = "/staff/schools/" + school.id() + "/safeguarding";
        if (leads == null || leads.staff().isEmpty()) {
            return new Step("lead", false, msg(locale, "firstday.lead.todo"), href, msg(locale, "firstday.lead.action"));
        }
        Lists.Said names = Lists.and(leads.staff().stream().map(StaffMember::name).toList());
        return new Step("lead", true, leads.byDefault() ? msg(locale, "firstday.lead.default", names)
                : msg(locale, "firstday.lead.done", names), href, null);
    }

    private Step window(School school, List<SurveyWindow> own, Locale locale) {
        SurveyWindow opened = own.stream().filter(w -> w.status() != SurveyWindow.Status.DRAFT).reduce((a, b) -> b).orElse(null);
        if (opened != null) {
            return new Step("window", true, msg(locale, "firstday.window.done." + opened.status().name(), opened.name()),
                    "/staff/windows/" + opened.id(), null);
        }
        SurveyWindow draft = own.isEmpty() ? null : own.get(own.size() - 1);
        if (draft != null) {
            return new Step("window", false, msg(locale, "firstday.window.draft", draft.name()), "/staff/windows/" + draft.id(),
                    msg(locale, "firstday.window.open"));
        }
        return new Step("window", false, msg(locale, "firstday.window.todo"),
                "/staff/schools/" + school.id() + "#new-window-" + school.id(), msg(locale, "firstday.window.action"));
    }

    private Step codes(List<SurveyWindow> own, Map<Long, Integer> issued, Locale locale) {
        SurveyWindow with = own.stream().filter(w -> issued.getOrDefault(w.id(), 0) > 0).reduce((a, b) -> b).orElse(null);
        if (with != null) {
            return new Step("codes", true, msg(locale, "firstday.codes.done", issued.get(with.id()), with.name()), "/staff/windows/" + with.id(), null);
        }
        SurveyWindow target = own.stream().filter(w -> !w.isClosed()).reduce((a, b) -> b).orElse(null);
        if (target == null) {
            return new Step("codes", false, msg(locale, "firstday.codes.afterWindow"), null, null);
        }
        return new Step("codes", false, msg(locale, "firstday.codes.todo", target.name()), "/staff/windows/" + target.id(),
                msg(locale, "firstday.codes.action"));
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
