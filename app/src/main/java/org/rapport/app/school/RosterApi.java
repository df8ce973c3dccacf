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
                    + "Invalid files answer 400 with every problem listed by file, line and column; nothing is imported.")
    @PostMapping(value = "/api/v1/schools/{schoolId}/roster", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RosterService.ImportSummary importRoster(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId,
                                                    @RequestPart(name = "roster", required = false) MultipartFile rosterFile,
                                                    @RequestPart(name = "staff", required = false) MultipartFile staffFile)
            throws IOException {
        School school = access.manage(user, schoolId);
        if (rosterFile == null) {
            throw new org.rapport.app.web.InvalidInputException("roster", "send the roster file as the multipart part 'roster'");
        }
        Roster parsed = RosterCsv.parse(rosterFile.getBytes(), staffFile == null ? null : staffFile.getBytes());
        return roster.importRoster(school, parsed);
    }
}
