package org.rapport.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;

/**
 * The boundaries of the application, stated once and checked on every build. Each package may use
 * only the packages listed for it below (so there are no cycles, and {@code web} uses no feature);
 * only repositories touch the database, each table through the one repository that owns it;
 * repositories and controllers are package-private. The package diagram in docs/architecture is
 * the same list, and this test fails when the two differ.
 */
class ArchitectureTest {
    static final String APP = "org.rapport.app";

    /** Which feature packages each package uses: exactly these, no more and no fewer. */
    static final Map<String, Set<String>> USES = new LinkedHashMap<>();

    static {
        USES.put("config", Set.of());
        USES.put("web", Set.of());
        USES.put("itembank", Set.of());
        USES.put("security", Set.of("config", "web"));
        USES.put("privacy", Set.of("config"));
        USES.put("response", Set.of("itembank", "config"));
        USES.put("mail", Set.of("config"));
        USES.put("school", Set.of("mail", "security", "web"));
        USES.put("language", Set.of("school", "itembank", "security", "web"));
        USES.put("window", Set.of("school", "itembank", "mail", "config", "security", "web"));
        USES.put("access", Set.of("language", "window", "school", "response", "itembank", "mail", "config", "security", "web"));
        USES.put("safeguarding", Set.of("window", "school", "itembank", "mail", "security", "web"));
        USES.put("survey", Set.of("yousaid", "language", "access", "response", "safeguarding", "window", "school", "itembank", "config", "web"));
        USES.put("calibration", Set.of("language", "window", "school", "response", "itembank", "security", "web"));
        USES.put("measuring", Set.of("calibration", "access", "response", "window", "school", "privacy", "itembank", "config"));
        USES.put("report", Set.of("language", "goal", "measuring", "calibration", "privacy", "response", "window", "school", "itembank", "security", "web"));
        USES.put("goal", Set.of("measuring", "calibration", "privacy", "window", "school", "itembank", "security", "web"));
        USES.put("yousaid", Set.of("measuring", "calibration", "privacy", "access", "window", "school", "itembank", "security", "web"));
        USES.put("overview", Set.of("calibration", "safeguarding", "access", "window", "school", "mail", "security", "web"));
        USES.put("retention", Set.of("measuring", "safeguarding", "survey", "access", "response", "window", "school", "config", "security", "web"));
        USES.put("research", Set.of("measuring", "calibration", "privacy", "response", "window", "school", "itembank", "security", "web"));
        USES.put("people", Set.of("goal", "language", "measuring", "privacy", "report", "response", "retention", "safeguarding", "window", "yousaid",
                "school", "security", "web"));
        USES.put("demo", Set.of("language", "calibration", "safeguarding", "goal", "yousaid", "survey", "access", "response", "window", "school", "itembank", "config", "security"));
    }

    /** Each table and the one repository that owns it. */
    static final Map<String, String> OWNERS = new TreeMap<>(Map.ofEntries(
            Map.entry("app_secret", "config.SecretRepository"),
            Map.entry("network", "school.SchoolRepository"),
            Map.entry("school", "school.SchoolRepository"),
            Map.entry("school_support_text", "school.SchoolRepository"),
            Map.entry("staff", "school.RosterRepository"),
            Map.entry("team", "school.RosterRepository"),
            Map.entry("window_team", "school.RosterRepository"),
            Map.entry("class_group", "school.RosterRepository"),
            Map.entry("teaching", "school.RosterRepository"),
            Map.entry("pupil_pattern", "school.RosterRepository"),
            Map.entry("staff_label", "school.RosterRepository"),
            Map.entry("pattern_codes", "access.CodeRepository"),
            Map.entry("held_part", "response.PartRepository"),
            Map.entry("released_part", "response.PartRepository"),
            Map.entry("survey_window", "window.WindowRepository"),
            Map.entry("access_code", "access.CodeRepository"),
            Map.entry("survey_draft", "survey.DraftRepository"),
            Map.entry("submission_receipt", "response.ResponseRepository"),
            Map.entry("response", "response.ResponseRepository"),
            Map.entry("answer", "response.ResponseRepository"),
            Map.entry("comment", "response.ResponseRepository"),
            Map.entry("group_release", "privacy.ReleaseLedger"),
            Map.entry("response_batch", "measuring.ScoreRepository"),
            Map.entry("response_score", "measuring.ScoreRepository"),
            Map.entry("wave_batch", "measuring.ScoreRepository"),
            Map.entry("calibration", "calibration.CalibrationRepository"),
            Map.entry("scale_calibration", "calibration.CalibrationRepository"),
            Map.entry("scale_group_reliability", "calibration.CalibrationRepository"),
            Map.entry("item_calibration", "calibration.CalibrationRepository"),
            Map.entry("report_share", "report.ReportShares"),
            Map.entry("report_view", "report.ReportShares"),
            Map.entry("self_view", "report.ReportShares"),
            Map.entry("safeguarding_lead", "safeguarding.SafeguardingRepository"),
            Map.entry("safeguarding_setting", "safeguarding.SafeguardingRepository"),
            Map.entry("concern_phrase", "safeguarding.SafeguardingRepository"),
            Map.entry("concern", "safeguarding.SafeguardingRepository"),
            Map.entry("purged_code", "access.CodeRepository"),
            Map.entry("code_recipient", "access.CodeRepository"),
            Map.entry("account_token", "school.AccountTokens"),
            Map.entry("sign_in_throttle", "security.SignInRepository"),
            Map.entry("sign_in_failure", "security.SignInRepository"),
            Map.entry("frozen_result", "measuring.FrozenWaves"),
            Map.entry("deletion_log", "retention.DeletionLog"),
            Map.entry("translation", "language.TranslationRepository"),
            Map.entry("goal", "goal.GoalRepository"),
            Map.entry("you_said", "yousaid.YouSaidRepository"),
            Map.entry("teacher_reply", "yousaid.YouSaidRepository"),
            Map.entry("staff_change", "people.StaffChangeLog")));

    /** Tables whose SQL a library writes, and the class that hands the table to it (null: the library's own configuration). */
    static final Map<String, String> LIBRARY_TABLES = new TreeMap<>(Map.of(
            "spring_session", "Spring Session JDBC",
            "spring_session_attributes", "Spring Session JDBC",
            "code_attempt_bucket", "access.CodeAttemptLimiter"));

    static JavaClasses app;

    @BeforeAll
    static void importClasses() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(APP);
    }

    static String feature(JavaClass c) {
        String rest = c.getPackageName().length() > APP.length() ? c.getPackageName().substring(APP.length() + 1) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** The feature packages each package actually uses, read from the bytecode. */
    static Map<String, Set<String>> actualUses() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass c : app) {
            String from = feature(c);
            if (from.isEmpty()) {
                continue;
            }
            Set<String> to = uses.computeIfAbsent(from, f -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (target.getPackageName().startsWith(APP + ".")) {
                    String f = feature(target);
                    if (!f.equals(from)) {
                        to.add(f);
                    }
                }
            }
        }
        return uses;
    }

    @Test
    void everyPackageUsesExactlyThePackagesListedForIt() {
        Map<String, Set<String>> declared = new TreeMap<>();
        USES.forEach((k, v) -> declared.put(k, new TreeSet<>(v)));
        assertThat(actualUses()).isEqualTo(declared);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(APP + ".(*)..").should().beFreeOfCycles().check(app);
    }

    @Test
    void webUsesNoFeature() {
        noClasses().that().resideInAPackage(APP + ".web..").should().dependOnClassesThat()
                .resideInAnyPackage(USES.keySet().stream().filter(p -> !p.equals("web")).map(p -> APP + "." + p + "..").toArray(String[]::new))
                .check(app);
    }

    @Test
    void onlyRepositoriesUseTheDatabase() {
        noClasses().that().areNotAnnotatedWith(Repository.class)
                .should().dependOnClassesThat().belongToAnyOf(JdbcClient.class, JdbcTemplate.class, java.sql.Connection.class,
                        java.sql.PreparedStatement.class, java.sql.ResultSet.class)
                .check(app);
    }

    @Test
    void repositoriesAndControllersArePackagePrivate() {
        classes().that().areAnnotatedWith(Repository.class).should().notHaveModifier(JavaModifier.PUBLIC).check(app);
        classes().that().areNotAnnotations().and(are(annotatedWith(Controller.class).or(metaAnnotatedWith(Controller.class))))
                .should().notHaveModifier(JavaModifier.PUBLIC).check(app);
    }

    /** The SQL in a source file: its string literals and text blocks, comments left out. */
    static String sqlOf(String source) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("//[^\\n]*|/\\*.*?\\*/|\"\"\"(.*?)\"\"\"|\"((?:\\\\.|[^\"\\\\])*)\"", Pattern.DOTALL).matcher(source);
        while (m.find()) {
            if (m.group(1) != null) {
                out.append(m.group(1)).append('\n');
            } else if (m.group(2) != null) {
                out.append(m.group(2)).append('\n');
            }
        }
        return out.toString();
    }

    static final Pattern TABLE = Pattern.compile("(?i)\\b(?:from|join|into|update|table)\\s+([a-z_]+)\\b");

    @Test
    void onlyATablesOwnerHasSqlOnIt() throws IOException {
        Path root = Path.of("src/main/java", APP.replace('.', '/'));
        List<String> strays = new ArrayList<>();
        Map<String, Set<String>> seen = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
                Matcher m = TABLE.matcher(sqlOf(Files.readString(file, StandardCharsets.UTF_8)));
                while (m.find()) {
                    String table = m.group(1).toLowerCase();
                    String owner = OWNERS.get(table);
                    if (owner != null) {
                        seen.computeIfAbsent(table, t -> new TreeSet<>()).add(name);
                        if (!owner.equals(name)) {
                            strays.add(name + " has SQL on " + table + ", which " + owner + " owns");
                        }
                    }
                }
            }
        }
        assertThat(strays).isEmpty();
        assertThat(seen.keySet()).as("every table is used by its owner").isEqualTo(OWNERS.keySet());
    }

    @Test
    void everyTableOfTheSchemaHasAnOwner() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            // in version order, so that a table a later migration drops is gone
            for (Path f : files.sorted(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1")))).toList()) {
                Matcher m = Pattern.compile("(?i)(create|drop) table\\s+([a-z_]+)").matcher(Files.readString(f));
                while (m.find()) {
                    if (m.group(1).equalsIgnoreCase("create")) {
                        tables.add(m.group(2).toLowerCase());
                    } else {
                        tables.remove(m.group(2).toLowerCase());
                    }
                }
            }
        }
        Set<String> owned = new TreeSet<>(OWNERS.keySet());
        owned.addAll(LIBRARY_TABLES.keySet());
        assertThat(owned).isEqualTo(tables);
        // a library's table is named by the class that configures it
        String limiter = Files.readString(Path.of("src/main/java", APP.replace('.', '/'), "access/CodeAttemptLimiter.java"));
        assertThat(limiter).contains("\"code_attempt_bucket\"");
    }

    /**
     * docs/ARCHITECTURE.md's table of packages: a row for every package, none for a package that is gone, and in each row's
     * "owns the tables" column exactly the tables that package's repositories own (a library's table in the row of the
     * package that configures it); and every package has a package-info.java saying what it is.
     */
    @Test
    void theArchitectureTableListsEveryPackageWithTheTablesItOwns() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "ARCHITECTURE.md"));
        Map<String, Set<String>> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z]+)` \\|[^|]*\\|([^|]*)\\|").matcher(doc);
        while (row.find()) {
            Set<String> tables = new TreeSet<>();
            Matcher t = Pattern.compile("`([a-z_]+)`").matcher(row.group(2));
            while (t.find()) {
                tables.add(t.group(1));
            }
            assertThat(documented.put(row.group(1), tables)).as("one row for " + row.group(1)).isNull();
        }
        Map<String, Set<String>> owned = new TreeMap<>();
        USES.keySet().forEach(p -> owned.put(p, new TreeSet<>()));
        OWNERS.forEach((table, owner) -> owned.get(owner.substring(0, owner.indexOf('.'))).add(table));
        owned.get("access").add("code_attempt_bucket");
        owned.get("security").addAll(List.of("spring_session", "spring_session_attributes"));
        assertThat(documented).as("docs/ARCHITECTURE.md's packages and the tables each owns").isEqualTo(owned);
        // the README's list of the packages names every one
        String readme = Files.readString(Path.of("..", "README.md"));
        String list = readme.lines().filter(l -> l.startsWith("| `app/` |")).findFirst().orElseThrow();
        USES.keySet().forEach(p -> assertThat(list).as("the README's packages").contains("`" + p + "`"));
        // and each package says what it is in its package-info.java
        for (String p : USES.keySet()) {
            Path info = Path.of("src/main/java", APP.replace('.', '/'), p, "package-info.java");
            assertThat(info).as(p).exists();
            assertThat(Files.readString(info)).as(info.toString()).startsWith("/**").contains("package " + APP + "." + p + ";");
        }
    }

    /**
     * The package diagram: its arrows {@code [from] --> [to]} between features, and its table rows
     * {@code | from | to, to |} of what each package uses of the foundation (web, security, config, itembank).
     */
    /**
     * The application's random choices (codes, and the order they are dealt) come from the operating system: a
     * {@code Randomness} is made only by {@code Randomness.secure()} in the application (tests give a seeded one).
     */
    @Test
    void randomChoicesComeFromTheOperatingSystem() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().doNotHaveFullyQualifiedName(org.rapport.app.config.Randomness.class.getName())
                .should().callConstructor(org.rapport.app.config.Randomness.class, java.util.Random.class)
                .because("a seeded generator would make codes guessable").check(app);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().doNotHaveFullyQualifiedName(org.rapport.app.config.Randomness.class.getName())
                .should().callConstructor(java.util.Random.class, long.class)
                .orShould().callConstructor(java.util.SplittableRandom.class, long.class)
                .orShould().callMethod(java.util.Random.class, "setSeed", long.class)
                .because("no seeded generator may reach the code that makes codes (the demo's and the survey's draws are not secrets)")
                .allowEmptyShould(true).check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(APP + ".access", APP + ".config"));
    }

    @Test
    void thePackageDiagramShowsExactlyTheseDependencies() throws IOException {
        Path diagram = Path.of("..", "docs", "architecture", "packages.puml");
        String source = Files.readString(diagram);
        Map<String, Set<String>> drawn = new TreeMap<>();
        USES.keySet().forEach(p -> drawn.put(p, new TreeSet<>()));
        Matcher arrows = Pattern.compile("(?m)^\\s*\\[([a-z]+)\\]\\s*-+>\\s*\\[([a-z]+)\\]").matcher(source);
        while (arrows.find()) {
            drawn.computeIfAbsent(arrows.group(1), k -> new TreeSet<>()).add(arrows.group(2));
        }
        Matcher rows = Pattern.compile("(?m)^\\|\\s*([a-z]+)\\s*\\|\\s*([a-z, ]+?)\\s*\\|\\s*$").matcher(source);
        while (rows.find()) {
            for (String used : rows.group(2).split(",\\s*")) {
                drawn.computeIfAbsent(rows.group(1), k -> new TreeSet<>()).add(used);
            }
        }
        Map<String, Set<String>> declared = new TreeMap<>();
        USES.forEach((k, v) -> declared.put(k, new TreeSet<>(v)));
        assertThat(drawn).as(diagram + " against ArchitectureTest.USES").isEqualTo(declared);
    }

}
