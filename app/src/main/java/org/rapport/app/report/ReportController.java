package org.rapport.app.report;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.security.SecurityConfig;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.NotFoundException;
import org.rapport.app.window.WindowAccess;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class ReportController {
    private final WindowAccess windowAccess;
    private final TrustMaps trustMaps;
    private final RelationshipViews relationships;
    private final TeacherReports teacherReports;

    private final SelfViews selfViews;
    private final Summaries summaries;
    private final SummaryPdf pdf;

    ReportController(WindowAccess windowAccess, TrustMaps trustMaps, RelationshipViews relationships, TeacherReports teacherReports,
                     SelfViews selfViews, Summaries summaries, SummaryPdf pdf) {
        this.selfViews = selfViews;
        this.summaries = summaries;
        this.pdf = pdf;
        this.windowAccess = windowAccess;
        this.trustMaps = trustMaps;
        this.relationships = relationships;
        this.teacherReports = teacherReports;
    }

    /** The school's trust map: the headline view, drawn in the page itself (no chart script, so no script evaluation allowed). */
    @GetMapping("/staff/windows/{windowId}/report")
    String school(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Model model, Locale locale) {
        WindowAccess.Scope scope = windowAccess.view(user, windowId);
        model.addAttribute("map", trustMaps.trustMap(scope.window(), scope.school(), locale));
        model.addAttribute("summary", summaries.school(scope.window(), scope.school(), locale));
        // the viewer's own views of the school's relationships beside its results: theirs alone
        model.addAttribute("schoolGaps", selfViews.schoolGaps(user, scope.window(), locale));
        // the leadership team's views together, for its leaders, once the window is closed
        model.addAttribute("leadershipTeam", selfViews.isLeader(user) ? selfViews.leadershipTeam(user, scope.window(), locale) : null);
        model.addAttribute("minLeaders", SelfViews.MIN_LEADERS);
        model.addAttribute("window", scope.window());
        return "staff/trustmap";
    }

    @GetMapping("/staff/windows/{windowId}/relationships/{relationship}")
    String relationship(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @PathVariable String relationship,
                        Model model, Locale locale, HttpServletResponse response) {
        WindowAccess.Scope scope = windowAccess.view(user, windowId);
        SecurityConfig.allowCharts(response);
        model.addAttribute("view", relationships.relationship(scope.window(), scope.school(), relationship(relationship), locale));
        model.addAttribute("summary", summaries.relationship(scope.window(), scope.school(), relationship(relationship), locale));
        model.addAttribute("window", scope.window());
        return "staff/relationship";
    }

    @GetMapping(value = "/staff/windows/{windowId}/relationships/{relationship}/{chart}.csv", produces = "text/csv")
    ResponseEntity<String> relationshipCsv(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                                           @PathVariable String relationship, @PathVariable String chart, Locale locale) {
        WindowAccess.Scope scope = windowAccess.view(user, windowId);
        Views.Chart c = relationships.relationship(scope.window(), scope.school(), relationship(relationship), locale).chart(chart)
                .orElseThrow(() -> new NotFoundException("chart", chart));
        return csv(c);
    }

    @GetMapping("/staff/windows/{windowId}/teachers/{teacherId}/report")
    String teacher(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @PathVariable long teacherId,
                   jakarta.servlet.http.HttpServletRequest request, Model model, Locale locale, HttpServletResponse response) {
        TeacherReports.Read read = teacherReports.read(user, windowId, teacherId, TeacherReports.Channel.PAGE, locale);
        SecurityConfig.allowCharts(response);
        model.addAttribute("view", read.view());
        model.addAttribute("window", read.window());
        model.addAttribute("teacherId", teacherId);
        // the teacher's own view beside their pupils': for the teacher alone, even when the report is shared
        model.addAttribute("selfGaps", user.id() == teacherId ? selfViews.gaps(user, read.window(), locale) : List.of());
        model.addAttribute("summary", summaries.teacher(read.window(), read.school(), teacherId, user.id() == teacherId, locale));
        // after stopping: the later reports that no longer show their changes since this one
        model.addAttribute("unsharedLater", user.id() == teacherId && request.getParameterMap().containsKey("unshared") && !read.view().shared()
                ? teacherReports.laterShared(user, windowId, teacherId) : null);
        return "staff/teacher";
    }

    @GetMapping(value = "/staff/windows/{windowId}/teachers/{teacherId}/{chart}.csv", produces = "text/csv")
    ResponseEntity<String> teacherCsv(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @PathVariable long teacherId,
                                      @PathVariable String chart, Locale locale) {
        Views.Chart c = teacherReports.read(user, windowId, teacherId, TeacherReports.Channel.CSV, locale).view()
                .chart(chart).orElseThrow(() -> new NotFoundException("chart", chart));
        return csv(c);
    }

    /**
     * Before a teacher shares their report: who will be able to open it (by name and role), what they will see, of which
     * windows, and that it can be stopped. Nothing changes here; only its button shares.
     */
    @GetMapping("/staff/windows/{windowId}/teachers/{teacherId}/share")
    String confirmShare(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @PathVariable long teacherId, Model model,
                        Locale locale) {
        model.addAttribute("preview", teacherReports.preview(user, windowId, teacherId, locale));
        return "staff/share-report";
    }

    /**
     * Shares only with {@code confirm=true}, which the confirmation page sends; without it, that page, and nothing is
     * shared. Stopping ({@code share=false}) needs no confirmation: the report says what stopped.
     */
    @PostMapping("/staff/windows/{windowId}/teachers/{teacherId}/share")
    String share(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @PathVariable long teacherId,
                 @RequestParam(defaultValue = "false") boolean share, @RequestParam(defaultValue = "false") String confirm) {
        String report = "redirect:/staff/windows/" + windowId + "/teachers/" + teacherId;
        if (share && !"true".equals(confirm)) {
            teacherReports.mayShare(user, windowId, teacherId);
            return report + "/share";
        }
        teacherReports.share(user, windowId, teacherId, share);
        return report + "/report?" + (share ? "shared" : "unshared");
    }

    static Relationship relationship(String name) {
        for (Relationship r : Relationship.values()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new NotFoundException("relationship", name);
    }

    private static final List<String> COLUMNS = List.of("series", "estimate", "lower", "upper", "n", "invited", "p10", "p25", "p50", "p75", "p90", "text");

    /** The rows behind a chart: measures with their intervals, or a distribution's bands as they are. */
    static ResponseEntity<String> csv(Views.Chart chart) {
        List<String> columns = chart.rows().isEmpty() || chart.rows().get(0).containsKey("series") ? COLUMNS
                : List.copyOf(chart.rows().get(0).keySet());
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Object> row : chart.rows()) {
            for (int i = 0; i < columns.size(); i++) {
                Object v = row.get(columns.get(i));
                String s = v == null ? "" : v.toString();
                sb.append(i == 0 ? "" : ",").append(s.matches("[-\\w .()–]*") && !s.startsWith("=") ? s : '"' + s.replace("\"", "\"\"") + '"');
            }
            sb.append('\n');
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + chart.id() + ".csv\"").body(sb.toString());
    }

    /** The teacher's own view of a window, before they open its results. */
    @GetMapping("/staff/windows/{windowId}/self")
    String selfView(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                    @RequestParam(defaultValue = "") String relationship, Model model, Locale locale) {
        model.addAttribute("form", selfViews.form(user, windowId, relationship, locale));
        model.addAttribute("minLeaders", SelfViews.MIN_LEADERS);
        return "staff/self-view";
    }

    @PostMapping("/staff/windows/{windowId}/self")
    String saveSelfView(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                        @RequestParam org.springframework.util.MultiValueMap<String, String> form) {
        String relationship = form.getFirst("relationship") == null ? "" : form.getFirst("relationship");
        java.util.Map<String, Integer> answers = new java.util.LinkedHashMap<>();
        form.forEach((key, values) -> {
            if (key.startsWith("a.") && !values.isEmpty() && !values.get(0).isBlank()) {
                try {
                    answers.put(key.substring(2), Integer.parseInt(values.get(0).strip()));
                } catch (NumberFormatException e) {
                    throw new org.rapport.app.web.InvalidInputException(key, "'" + values.get(0) + "' is not an answer from 0 to 4");
                }
            }
        });
        selfViews.save(user, windowId, relationship, answers);
        return "redirect:/staff/windows/" + windowId + "/self?relationship=" + java.net.URLEncoder.encode(relationship, java.nio.charset.StandardCharsets.UTF_8)
                + "&saved";
    }

    /** The school's summary on one page, for a staff meeting or the governors. */
    @GetMapping(value = "/staff/windows/{windowId}/summary.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> summaryPdf(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, Locale locale) {
        WindowAccess.Scope scope = windowAccess.view(user, windowId);
        Locale printable = pdf.printable(locale);
        byte[] file = pdf.summary(scope.school().name(), scope.window().name(), summaries.school(scope.window(), scope.school(), printable), printable);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"rapport-summary-" + windowId + ".pdf\"").body(file);
    }

    /** A teacher's report on one page: theirs, or their school's leaders' once shared; logged like every view. */
    @GetMapping(value = "/staff/windows/{windowId}/teachers/{teacherId}/summary.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> teacherPdf(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @PathVariable long teacherId,
                                      Locale locale) {
        Locale printable = pdf.printable(locale);
        TeacherReports.Read read = teacherReports.read(user, windowId, teacherId, TeacherReports.Channel.PDF, printable);
        List<SelfViews.Gap> gaps = user.id() == teacherId ? selfViews.gaps(user, read.window(), printable) : List.of();
        byte[] file = pdf.teacher(read.window(), read.school(), read.view().teacherName(),
                summaries.teacher(read.window(), read.school(), teacherId, user.id() == teacherId, printable), gaps, printable);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"rapport-teacher-" + windowId + ".pdf\"").body(file);
    }
}
