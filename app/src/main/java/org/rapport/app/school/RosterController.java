package org.rapport.app.school;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.rapport.app.security.StaffUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

@Controller
class RosterController {
    private final Schools schools;
    private final RosterService roster;
    private final SchoolAccess access;
    private final AccountLinks links;
    private final SignInFailures failures;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    RosterController(Schools schools, RosterService roster, SchoolAccess access, AccountLinks links, SignInFailures failures,
                     com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
        this.failures = failures;
        this.links = links;
        this.schools = schools;
        this.roster = roster;
        this.access = access;
    }

    @GetMapping("/staff/schools/{schoolId}/roster")
    String show(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, Model model) {
        School school = access.manage(user, schoolId);
        fill(model, school);
        return "staff/roster";
    }

    /**
     * The import of the roster checked on this page ({@code confirm}: its preview's). Files sent here without it are
     * checked, not imported: nothing changes until the preview's button (a page from before there was one sends them here).
     */
    @PostMapping("/staff/schools/{schoolId}/roster")
    String upload(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                  @RequestParam(name = "roster", required = false) MultipartFile rosterFile,
                  @RequestParam(name = "staff", required = false) MultipartFile staffFile,
                  @RequestParam(name = "confirm", required = false) String confirm,
                  Model model, HttpServletResponse response, HttpSession session) throws IOException {
        School school = access.manage(user, schoolId);
        if ((rosterFile == null || rosterFile.isEmpty()) && (staffFile == null || staffFile.isEmpty()) && confirm != null) {
            return applyPreviewed(user, school, confirm, model, response, session);
        }
        return previewing(user, school, model, response, session, csv(rosterFile, staffFile));
    }

    /** What importing the roster file (and staff list) would change, with a button to import it: nothing changes yet. */
    @PostMapping("/staff/schools/{schoolId}/roster/preview")
    String preview(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                   @RequestParam(name = "roster", required = false) MultipartFile rosterFile,
                   @RequestParam(name = "staff", required = false) MultipartFile staffFile,
                   Model model, HttpServletResponse response, HttpSession session) throws IOException {
        School school = access.manage(user, schoolId);
        return previewing(user, school, model, response, session, csv(rosterFile, staffFile));
    }

    @PostMapping("/staff/schools/{schoolId}/roster/oneroster")
    String uploadOneRoster(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                           @RequestParam(name = "bundle", required = false) MultipartFile bundle,
                           @RequestParam(name = "org", required = false) String org,
                           @RequestParam(name = "names", required = false) MultipartFile names,
                           @RequestParam(name = "teams", required = false) String teams,
                           @RequestParam(name = "confirm", required = false) String confirm,
                           Model model, HttpServletResponse response, HttpSession session) throws IOException {
        School school = access.manage(user, schoolId);
        if ((bundle == null || bundle.isEmpty()) && confirm != null) {
            return applyPreviewed(user, school, confirm, model, response, session);
        }
        // a bundle sent here without the preview's confirmation (an old page, a crafted form) is checked, not imported
        return previewing(user, school, model, response, session, oneRoster(bundle, org, names, teams));
    }

    /** What importing the bundle would change, with a button to import it: nothing changes yet. */
    @PostMapping("/staff/schools/{schoolId}/roster/oneroster/preview")
    String previewOneRoster(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                            @RequestParam(name = "bundle", required = false) MultipartFile bundle,
                            @RequestParam(name = "org", required = false) String org,
                            @RequestParam(name = "names", required = false) MultipartFile names,
                            @RequestParam(name = "teams", required = false) String teams,
                            Model model, HttpServletResponse response, HttpSession session) throws IOException {
        School school = access.manage(user, schoolId);
        return previewing(user, school, model, response, session, oneRoster(bundle, org, names, teams));
    }

    /** One list of a preview, under its message key's last part. */
    record Group<T>(String key, java.util.List<T> items) {
    }

    /**
     * A roster previewed and not yet imported, kept in the admin's own session until they import it (or check
     * another): the roster read from the upload (classes with their pupils counted, staff, teaching), as JSON; never the
     * files (a CSV roster and staff list, or a OneRoster bundle, whose users.csv names pupils).
     */
    record Previewed(long schoolId, String roster, String confirm) implements java.io.Serializable {
    }

    static final String PREVIEWED = "rapport.roster.previewed";

    /** An upload read into a roster: every problem thrown, with its file, line and column. */
    private interface Upload {
        /** {@code csv} or {@code oneroster}: which form sent it, and which import button applies its preview. */
        String from();

        Roster read() throws IOException;
    }

    /** The roster file and the optional staff list. */
    private static Upload csv(MultipartFile rosterFile, MultipartFile staffFile) {
        return new Upload() {
            public String from() {
                return "csv";
            }

            public Roster read() throws IOException {
                if (rosterFile == null || rosterFile.isEmpty()) {
                    throw missing("roster", "choose a roster file to upload");
                }
                return RosterCsv.parse(rosterFile.getBytes(), staffFile == null || staffFile.isEmpty() ? null : staffFile.getBytes());
            }
        };
    }

    /** A OneRoster bundle, with the school's sourcedId, names file and how teams are made. */
    private static Upload oneRoster(MultipartFile bundle, String org, MultipartFile names, String teams) {
        return new Upload() {
            public String from() {
                return "oneroster";
            }

            public Roster read() throws IOException {
                if (bundle == null || bundle.isEmpty()) {
                    throw missing("bundle", "choose the OneRoster zip file to upload");
                }
                return OneRosterCsv.parse(bundle.getBytes(), org, OneRosterCsv.Teams.of(teams), names == null || names.isEmpty() ? null : names.getBytes());
            }
        };
    }

    private static RosterCsv.InvalidRosterException missing(String file, String message) {
        return new RosterCsv.InvalidRosterException(java.util.List.of(new RosterError(file, 1, 0, null, message)));
    }

    /**
     * Reads the upload and shows what importing it would change, or every problem, with nothing changed; the roster
     * read is kept in the session for the import button (any roster checked before is dropped).
     */
    private String previewing(StaffUser user, School school, Model model, HttpServletResponse response, HttpSession session, Upload upload)
            throws IOException {
        session.removeAttribute(PREVIEWED);
        try {
            Roster read = upload.read();
            RosterChanges.Preview preview = roster.preview(school, read, user);
            session.setAttribute(PREVIEWED, new Previewed(school.id(), json.writeValueAsString(read), preview.confirm()));
            showPreview(model, preview, upload.from(), read.staffListed());
        } catch (RosterCsv.InvalidRosterException e) {
            response.setStatus(400);
            model.addAttribute("errors", e.rosterErrors());
        }
        fill(model, school);
        return "staff/roster";
    }

    /**
     * The preview section's model: its totals, warnings and lists, which form's import button it has, and whether the
     * upload lists the whole staff (without a staff list, a CSV roster makes nobody leave).
     */
    private static void showPreview(Model model, RosterChanges.Preview preview, String from, boolean staffListed) {
        model.addAttribute("preview", preview);
        model.addAttribute("previewFrom", from);
        model.addAttribute("previewStaffListed", staffListed);
        model.addAttribute("previewPeople", java.util.List.of(
                new Group<>("idsChanging", preview.idsChanging()), new Group<>("idsGiven", preview.idsGiven()),
                new Group<>("joining", preview.joining()), new Group<>("added", preview.added()),
                new Group<>("detailsChanged", preview.detailsChanged()), new Group<>("becomeLeaders", preview.becomeLeaders()),
                new Group<>("becomeTeachers", preview.becomeTeachers()), new Group<>("reactivated", preview.reactivated()),
                new Group<>("leaving", preview.leaving())));
        model.addAttribute("previewClasses", java.util.List.of(new Group<>("classesAdded", preview.classesAdded()),
                new Group<>("classesBack", preview.classesBack()), new Group<>("classesRetired", preview.classesRetired()),
                new Group<>("teachingRemoved", preview.teachingRemoved()), new Group<>("teachingAdded", preview.teachingAdded())));
    }

    /** Imports the roster previewed in this session, if the school's roster is still as it was then (409 if not, nothing changed). */
    private String applyPreviewed(StaffUser user, School school, String confirm, Model model, HttpServletResponse response,
                                  HttpSession session) throws IOException {
        Object kept = session.getAttribute(PREVIEWED);
        try {
            if (!(kept instanceof Previewed p) || p.schoolId() != school.id() || !p.confirm().equals(confirm)) {
                throw new org.rapport.app.web.ConflictException("confirm", new org.rapport.app.web.Text("roster.preview.gone"));
            }
            model.addAttribute("imported", roster.importRoster(school, json.readValue(p.roster(), Roster.class), user, confirm));
            session.removeAttribute(PREVIEWED);
        } catch (RosterCsv.InvalidRosterException e) {
            response.setStatus(400);
            model.addAttribute("errors", e.rosterErrors());
        } catch (org.rapport.app.web.ConflictException e) {
            response.setStatus(409);
            model.addAttribute("previewProblem", e.text() == null ? "roster.preview.changed" : e.text().key());
        }
        fill(model, school);
        return "staff/roster";
    }

    /** Invites everyone without a password yet; without SMTP the links are listed to pass on. */
    @PostMapping("/staff/schools/{schoolId}/invitations")
    String inviteAll(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, Model model) {
        School school = access.manage(user, schoolId);
        model.addAttribute("invitations", links.inviteAllWithoutAccount(user, school.id()));
        fill(model, school);
        return "staff/roster";
    }

    /** A new invitation for one person (a lost link, a forgotten password when the server sends no mail). */
    @PostMapping("/staff/schools/{schoolId}/staff/{staffId}/invitation")
    String invite(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId, @PathVariable long staffId, Model model) {
        School school = access.manage(user, schoolId);
        StaffMember member = schools.findStaff(staffId).filter(s -> s.schoolId() != null && s.schoolId() == school.id())
                .orElseThrow(() -> new org.rapport.app.web.NotFoundException("staff member", staffId));
        model.addAttribute("invitations", java.util.List.of(links.invite(user, member.id())));
        fill(model, school);
        return "staff/roster";
    }

    private void fill(Model model, School school) {
        model.addAttribute("school", school);
        model.addAttribute("classes", schools.classes(school.id()));
        // each class's teachers, joined on the page in the reader's language
        java.util.Map<Long, java.util.List<String>> teachers = new java.util.HashMap<>();
        for (Schools.TeachingRow t : schools.teaching(school.id())) {
            // each name kept to itself: a direction override stored in one turned the rest of the list around
            String who = org.rapport.app.web.TypedText.isolate(t.teacher())
                    + (t.subject() == null ? "" : " (" + org.rapport.app.web.TypedText.isolate(t.subject()) + ")");
            teachers.computeIfAbsent(t.classId(), id -> new java.util.ArrayList<>()).add(who);
        }
        model.addAttribute("teachers", teachers);
        model.addAttribute("staff", schools.staff(school.id()));
        model.addAttribute("teams", schools.teams(school.id()));
        model.addAttribute("mails", links.mails());
        model.addAttribute("signInFailures", failures.ofSchool(school.id()));
        model.addAttribute("pupilNames", schools.pupilNames(school.id()));
    }
}
