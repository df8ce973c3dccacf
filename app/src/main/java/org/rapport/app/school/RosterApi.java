package org.rapport.app.school;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

@ApiController
@Tag(name = "Roster")
class RosterApi {
    private final RosterService roster;
    private final SchoolAccess access;

    RosterApi(RosterService roster, SchoolAccess access) {
        this.roster = roster;
        this.access = access;
    }

    @Operation(summary = "Import a school's roster (all or nothing)",
            description = "Multipart parts: 'roster' (CSV of classes and teachers) and optional 'staff' (CSV staff list). "
                    + "Invalid files answer 400 with every problem listed by file, line and column; nothing is imported. "
                    + "Optional parameter 'confirm': the preview's (POST .../roster/preview with the same files), so that the import "
                    + "does exactly what the preview showed: 409, with nothing imported, if the school's roster or the files changed since. "
                    + "Without it the files are imported as they are.")
    @PostMapping(value = "/api/v1/schools/{schoolId}/roster", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RosterService.ImportSummary importRoster(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                                                    @RequestPart(name = "roster", required = false) MultipartFile rosterFile,
                                                    @RequestPart(name = "staff", required = false) MultipartFile staffFile,
                                                    @org.springframework.web.bind.annotation.RequestParam(name = "confirm", required = false) String confirm)
            throws IOException {
        School school = access.manage(user, schoolId);
        return roster.importRoster(school, csv(rosterFile, staffFile), user, confirm == null || confirm.isBlank() ? null : confirm);
    }

    @Operation(summary = "What importing a school's roster would change, before anything changes",
            description = "Multipart parts 'roster' and optional 'staff', as for the import. Answers what the import would change, as the "
                    + "OneRoster preview does: who is matched (by staff id, then by e-mail), whose staff id changes, who is added, whose name or "
                    + "e-mail changes, who becomes a leader or a teacher, who comes back and (with a staff list) who leaves the staff; which "
                    + "classes are added, back in use, kept and retired, and whose number of pupils changes; teaching links and pupils before and "
                    + "after; and 'confirm', to send with the import (parameter 'confirm') so that it does exactly this: 409 if anything changed "
                    + "since. Files the import would refuse answer 400 with every problem, as the import does. Nothing is stored.")
    @PostMapping(value = "/api/v1/schools/{schoolId}/roster/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RosterChanges.Preview preview(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                                  @RequestPart(name = "roster", required = false) MultipartFile rosterFile,
                                  @RequestPart(name = "staff", required = false) MultipartFile staffFile)
            throws IOException {
        School school = access.manage(user, schoolId);
        return roster.preview(school, csv(rosterFile, staffFile), user);
    }

    /** The roster file and optional staff list, read: every problem thrown (400). */
    private static Roster csv(MultipartFile rosterFile, MultipartFile staffFile) throws IOException {
        if (rosterFile == null) {
            throw new org.rapport.app.web.InvalidInputException("roster", "send the roster file as the multipart part 'roster'");
        }
        return RosterCsv.parse(rosterFile.getBytes(), staffFile == null ? null : staffFile.getBytes());
    }

    @Operation(summary = "Import a school's roster from a OneRoster 1.1/1.2 CSV bundle (all or nothing)",
            description = "Multipart part 'bundle': the zip the school information system exports (orgs.csv, classes.csv, users.csv, "
                    + "enrollments.csv; roles.csv in 1.2). Optional parameter 'org': the school's sourcedId when the bundle has several. "
                    + "Pupils are grouped by the classes each is in and counted, never stored. Optional part 'names': a CSV "
                    + "(staff_id,name_for_pupils,team) of the names pupils see and teams, kept for later bundles. Optional parameter "
                    + "'teams': department (default), subject or keep. Invalid bundles answer 400 with every problem by file, line and "
                    + "column; 'warnings' lists what was imported but should be looked at (a class without a teacher, pupils no teacher teaches). "
                    + "Optional parameter 'confirm': the preview's (see below), so that the import does exactly what it showed (409 if not).")
    @PostMapping(value = "/api/v1/schools/{schoolId}/roster/oneroster", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RosterService.ImportSummary importOneRoster(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                                                @RequestPart(name = "bundle", required = false) MultipartFile bundle,
                                                @org.springframework.web.bind.annotation.RequestParam(name = "org", required = false) String org,
                                                @RequestPart(name = "names", required = false) MultipartFile names,
                                                @org.springframework.web.bind.annotation.RequestParam(name = "teams", required = false) String teams,
                                                @org.springframework.web.bind.annotation.RequestParam(name = "confirm", required = false) String confirm)
            throws IOException {
        School school = access.manage(user, schoolId);
        if (bundle == null) {
            throw new org.rapport.app.web.InvalidInputException("bundle", "send the OneRoster zip as the multipart part 'bundle'");
        }
        return roster.importRoster(school, OneRosterCsv.parse(bundle.getBytes(), org, OneRosterCsv.Teams.of(teams),
                names == null || names.isEmpty() ? null : names.getBytes()), user, confirm == null || confirm.isBlank() ? null : confirm);
    }

    @Operation(summary = "What importing a OneRoster bundle would change, before anything changes",
            description = "Multipart part 'bundle' (and 'org', 'names', 'teams') as for the import. Answers who is matched (by staff id, then by "
                    + "e-mail: a CSV roster's people keep their accounts under the school system's ids), whose staff id changes, who is added, "
                    + "who leaves the staff or comes back, who becomes a leader or a teacher, which classes are added, kept and retired, and "
                    + "how many sets of classes (a timetable's pupils grouped by their classes, counted) are added, kept and retired; "
                    + "'warnings' as the import's; and 'confirm', to send with the import (parameter 'confirm') so that it does exactly this: "
                    + "409 if anything changed since. A bundle the import would refuse answers 400 with every problem, as the import does.")
    @PostMapping(value = "/api/v1/schools/{schoolId}/roster/oneroster/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RosterChanges.Preview previewOneRoster(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                                           @RequestPart(name = "bundle", required = false) MultipartFile bundle,
                                           @org.springframework.web.bind.annotation.RequestParam(name = "org", required = false) String org,
                                           @RequestPart(name = "names", required = false) MultipartFile names,
                                           @org.springframework.web.bind.annotation.RequestParam(name = "teams", required = false) String teams)
            throws IOException {
        School school = access.manage(user, schoolId);
        if (bundle == null) {
            throw new org.rapport.app.web.InvalidInputException("bundle", "send the OneRoster zip as the multipart part 'bundle'");
        }
        return roster.preview(school, OneRosterCsv.parse(bundle.getBytes(), org, OneRosterCsv.Teams.of(teams),
                names == null || names.isEmpty() ? null : names.getBytes()), user);
    }
}
