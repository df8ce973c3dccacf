package org.rapport.app.report;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.rapport.app.security.SecurityConfig;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The network's report for its network admins: one window name across every school, the summary first. */
@Controller
class NetworkReportController {
    private final NetworkReports reports;
    private final Summaries summaries;
    private final SummaryPdf pdf;

    NetworkReportController(NetworkReports reports, Summaries summaries, SummaryPdf pdf) {
        this.reports = reports;
        this.summaries = summaries;
        this.pdf = pdf;
    }

    @GetMapping("/staff/network/report")
    String network(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String window, Model model, Locale locale,
                   HttpServletResponse response) {
        long networkId = NetworkReports.network(user);
        NetworkReports.Rounds rounds = reports.rounds(networkId, window);
        SecurityConfig.allowCharts(response);
        model.addAttribute("view", reports.view(networkId, rounds, locale));
        if (rounds.shown() != null) {
            model.addAttribute("summary", summaries.network(networkId, rounds, locale));
        }
        return "staff/network";
    }

    @GetMapping(value = "/staff/network/report/{chart}.csv", produces = "text/csv")
    ResponseEntity<String> csv(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String window,
                               @PathVariable String chart, Locale locale) {
        long networkId = NetworkReports.network(user);
        Views.Chart c = reports.view(networkId, reports.rounds(networkId, window), locale).chart(chart).orElseThrow(() -> new NotFoundException("chart", chart));
        return ReportController.csv(c);
    }

    /** The network's summary on one page, for the trust's board. */
    @GetMapping(value = "/staff/network/summary.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> summaryPdf(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String window, Locale locale) {
        long networkId = NetworkReports.network(user);
        NetworkReports.Rounds rounds = reports.rounds(networkId, window);
        if (rounds.shown() == null) {
            throw new NotFoundException("survey window named", "(none yet)");
        }
        Locale printable = pdf.printable(locale);
        byte[] file = pdf.summary(reports.networkName(networkId), rounds.shown(), summaries.network(networkId, rounds, printable), printable);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"rapport-network-summary.pdf\"").body(file);
    }
}
