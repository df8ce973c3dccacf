package org.rapport.app.language;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.rapport.app.web.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

@ApiController
@Tag(name = "Translations")
class TranslationApi {
    private final Translations translations;
    private final Languages languages;

    TranslationApi(Translations translations, Languages languages) {
        this.translations = translations;
        this.languages = languages;
    }

    @Operation(summary = "The languages on offer", description = "Each with its tag, its own name, its direction and whether it is a draft.")
    @GetMapping("/api/v1/languages")
    List<Language> languages() {
        return languages.all();
    }

    @Operation(summary = "Every text of Rapport for translators (network admins)",
            description = "CSV (UTF-8): key, english, translation (the network's own text, else the one Rapport ships, else empty). "
                    + "Apostrophes as written; placeholders such as {0} must be kept.")
    @GetMapping(value = "/api/v1/translations/{language}.csv", produces = "text/csv")
    ResponseEntity<String> export(@AuthenticationPrincipal StaffUser user, @PathVariable String language) {
        String csv = translations.export(user, language);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rapport-" + Translations.tag(language) + ".csv\"").body(csv);
    }

    public record Imported(String language, int texts) {
    }

    @Operation(summary = "Import a translated file (network admins; all or nothing)",
            description = "Multipart part 'file': the exported CSV with its translation column filled in. Every text must be there, "
                    + "each keeping its placeholders; 422 lists every problem by line and column, and nothing is imported. The texts "
                    + "then replace the shipped ones of that language for this network's staff and respondents.")
    @PostMapping(value = "/api/v1/translations/{language}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Imported importFile(@AuthenticationPrincipal StaffUser user, @PathVariable String language,
                        @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        Translations.requireNetworkAdmin(user);
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "send the translated CSV as the multipart part 'file'");
        }
        return new Imported(Translations.tag(language), translations.importFile(user, language, file.getBytes()));
    }
}
