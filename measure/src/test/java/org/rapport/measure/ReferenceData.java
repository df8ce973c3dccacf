package org.rapport.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the estimates of established software (eRm) kept beside the tests, in
 * src/test/resources/reference (a copy of the steering folder's shared/reference, README there).
 */
public final class ReferenceData {
    /** The folder, from the measure module's root (where its tests run) or the repository's. */
    static final String FOLDER = "measure/src/test/resources/reference";

    private ReferenceData() {
    }

    /** The reference folder: -Drapport.reference, or the copy in this repository. */
    public static Path folder() {
        String configured = System.getProperty("rapport.reference");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FOLDER);
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(FOLDER + " not found above " + Path.of("").toAbsolutePath() + "; set -Drapport.reference=DIR");
    }

    public static Path file(String name) {
        return folder().resolve(name);
    }

    public static List<String[]> rows(String name) throws IOException {
        List<String> lines = Files.readAllLines(file(name));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split(","));
            }
        }
        return rows;
    }

    public static double summaryNumber(String name, String key) throws IOException {
        String json = Files.readString(file(name));
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(key + " not in " + name);
        }
        return Double.parseDouble(m.group(1));
    }
}
