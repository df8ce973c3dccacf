package org.rapport.app.research;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.rapport.app.web.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

@ApiController
@Tag(name = "Research")
class ResearchApi {
    private final ResearchExport export;

    ResearchApi(ResearchExport export) {
        this.export = export;
    }

    @Operation(summary = "A de-identified export of one relationship's item responses in the window's round, for researchers",
            description = "Network admins. CSV: respondent (a random id of the row, fresh in every export and shared with no other row), "
                    + "school (only where its group is shown), then one column per item, answers 0-4, empty when not answered; "
                    + "no comments, no dates; rows in random order. Pupils about their teachers: a row per pupil and teacher, the "
                    + "teacher not named, and nothing that tells which rows are one pupil's. 409 while the network's result is not shown. "
                    + "Where a school's raw answers of the round were deleted, the file starts with note lines beginning with # (before "
                    + "the header) naming each such school, its window and the day: its rows are gone from every export made since, "
                    + "while the round's results stay as they were calculated before. R: read.csv(file, comment.char = \"#\").")
    @GetMapping(value = "/api/v1/windows/{windowId}/research/{relationship}.csv", produces = "text/csv")
    ResponseEntity<String> export(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId, @PathVariable String relationship) {
        ResearchExport.Export e = export.export(user, windowId, relationship(relationship));
        return csv(e.fileName(), e.csv());
    }

    @Operation(summary = "The category map of a research export: how the application's calibration merges its answer values",
            description = "Network admins. CSV item,value,category: for every answered item of the export and every answer value "
                    + "0-4, the model category the application's calibration of the exported rows gives it (a value nobody used "
                    + "where it informs is merged into the next used value below). rapport-measure calibrate --categories FILE "
                    + "reads it. 409 while the network's result is not shown. It starts with the export's note lines (# …) where a "
                    + "school's raw answers of the round were deleted: the map is of the rows left, and may differ from an earlier one.")
    @GetMapping(value = "/api/v1/windows/{windowId}/research/{relationship}/categories.csv", produces = "text/csv")
    ResponseEntity<String> categories(@AuthenticationPrincipal StaffUser user, @PathVariable long windowId,
                                      @PathVariable String relationship) {
        ResearchExport.Export e = export.export(user, windowId, relationship(relationship));
        return csv(e.fileName().replaceFirst("\\.csv$", "-categories.csv"), e.categories());
    }

    /** A relationship by its name in the address; 404 naming it otherwise. */
    private static Relationship relationship(String name) {
        try {
            return Relationship.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("relationship", name);
        }
    }

    private static ResponseEntity<String> csv(String fileName, String body) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").body(body);
    }
}
