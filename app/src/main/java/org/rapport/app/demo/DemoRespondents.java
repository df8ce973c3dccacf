package org.rapport.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.language.Language;
import org.rapport.app.language.Languages;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.access.CodeService;
import org.rapport.app.school.School;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.app.survey.Session;
import org.rapport.app.survey.SurveyPlan;
import org.rapport.app.survey.SurveySessions;
import org.rapport.app.survey.Submissions;
import org.rapport.measure.ItemParameters;
import org.springframework.stereotype.Component;

/**
 * The demo's respondents: each takes the survey their code opens, answers every question it asks from
 * a partial credit model around their own level of trust (with each teacher's and each class's level
 * lasting across windows), sometimes writes a comment, and sends it. The true item parameters are the
 * same in every window, so the calibration has something real to recover.
 */
@Component
class DemoRespondents {
    private final SurveySessions sessions;
    private final Submissions submissions;
    private final Map<String, ItemParameters> trueItems = new HashMap<>();
    private final Map<Long, Double> teacherLevels = new HashMap<>();
    private final Map<Long, Double> classLevels = new HashMap<>();
    // comments are drawn apart from the answers, so that the answers do not depend on them
    private final SplittableRandom commentDraw = new SplittableRandom(41);
    private final Map<String, List<String>> commentTexts = new HashMap<>();
    private final double[] probabilities = new double[Item.MAX_VALUE + 1];

    private final WindowService windows;
    private final CodeService codes;

    private final Languages languages;

    DemoRespondents(SurveySessions sessions, Submissions submissions, ItemBank bank, WindowService windows, CodeService codes,
                    Languages languages) {
        this.languages = languages;
        this.sessions = sessions;
        this.submissions = submissions;
        this.windows = windows;
        this.codes = codes;
        SplittableRandom random = new SplittableRandom(17);
        for (Item item : bank.items()) {
            double location = -0.8 + 0.5 * random.nextGaussian();
            trueItems.put(item.id(), new ItemParameters(List.of(item.id()),
                    new double[][] {{location - 1.6, location - 0.5, location + 0.4, location + 1.4}}));
        }
        try (InputStream in = DemoRespondents.class.getResourceAsStream("/demo/comments.txt")) {
            if (in == null) {
                throw new IllegalStateException("the demo's comments are missing from the build");
            }
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\\|", 2))
                    .forEach(l -> commentTexts.computeIfAbsent(l[0], k -> new ArrayList<>()).add(l[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A window of the school and the codes it left unused. */
    record Answered(SurveyWindow window, List<String> spare) {
    }

    /** Opens a window, has every group of every role answer it, and closes it if {@code close}. */
    Answered window(School school, String name, double rise, SplittableRandom random, boolean close) {
        SurveyWindow window = windows.open(windows.create(school, name));
        List<String> spare = new ArrayList<>();
        for (RespondentRole role : RespondentRole.values()) {
            for (CodeService.Group group : codes.generate(window, role, null).groups()) {
                spare.addAll(answer(role, group.classId(), group.slips().stream().map(CodeService.Slip::code).toList(), rise, random));
            }
        }
        if (close) {
            windows.close(window);
        }
        return new Answered(window, spare);
    }

    /** Opens a window and gives every class its pupils' codes, none used: a school about to answer. Returns the codes. */
    Answered waiting(School school, String name) {
        SurveyWindow window = windows.open(windows.create(school, name));
        List<String> codes = new ArrayList<>();
        for (CodeService.Group group : this.codes.generate(window, RespondentRole.PUPIL, null).groups()) {
            group.slips().forEach(slip -> codes.add(slip.code()));
        }
        return new Answered(window, codes);
    }

    /**
     * Some of a group's codes are used: 65–95% of a class's pupils, 30–60% of its families, 85% of the
     * teachers and every leader. {@code rise} moves everyone's level (a school that got better).
     * Returns the codes left unused.
     */
    List<String> answer(RespondentRole role, Long classId, List<String> codes, double rise, SplittableRandom random) {
        double share = switch (role) {
            case PUPIL -> 0.65 + 0.3 * random.nextDouble();
            case PARENT -> 0.3 + 0.3 * random.nextDouble();
            case TEACHER -> 0.85;
            case LEADER -> 1.0;
        };
        double classLevel = classId == null ? 0 : classLevels.computeIfAbsent(classId, k -> 0.3 * random.nextGaussian());
        int used = (int) Math.round(codes.size() * share);
        for (String code : codes.subList(0, used)) {
            double level = switch (role) {
                case PUPIL -> classLevel + rise + random.nextGaussian();
                case PARENT -> 0.3 + rise + classLevel + random.nextGaussian();
                case TEACHER -> rise - 0.3 + random.nextGaussian();
                case LEADER -> 0.5 + random.nextGaussian();
            };
            take(code, level, random);
        }
        return codes.subList(used, codes.size());
    }

    /** One respondent: starts the survey with the code, answers every block, sends it. */
    void take(String code, double person, SplittableRandom random) {
        Session session = sessions.start(code);
        Map<String, Integer> answers = new LinkedHashMap<>();
        Map<String, String> comments = new LinkedHashMap<>();
        for (SurveyPlan.Block block : session.plan().blocks()) {
            double level = person + (block.targetId() == null ? 0
                    : teacherLevels.computeIfAbsent(block.targetId(), k -> 0.6 * random.nextGaussian()));
            for (String item : block.items()) {
                answers.put(block.key(item).toString(), answer(item, level, random));
            }
            if (block.commentKey() != null) {
                String comment = comment(block.relationship(), level);
                if (comment != null) {
                    comments.put(block.commentKey().toString(), comment);
                }
            }
        }
        submissions.submit(code, UUID.randomUUID().toString(), answers, comments, language(code));
    }

    /**
     * The language a demo respondent answers in: about one in six another than English (Polish,
     * Spanish, Arabic), drawn from the code so that the answers' own random draws stay as they were.
     */
    private Language language(String code) {
        double u = new SplittableRandom(code.hashCode()).nextDouble();
        String tag = u < 0.07 ? "pl" : u < 0.13 ? "es" : u < 0.17 ? "ar" : "en";
        return languages.find(tag).orElseGet(() -> languages.of(java.util.Locale.ENGLISH));
    }

    private int answer(String item, double theta, SplittableRandom random) {
        trueItems.get(item).categoryProbabilities(0, theta, probabilities);
        double u = random.nextDouble();
        int value = 0;
        double cumulative = probabilities[0];
        while (u > cumulative && value < Item.MAX_VALUE) {
            cumulative += probabilities[++value];
        }
        return value;
    }

    /** Now and then one of the demo's comments, in a tone that fits the level of trust; else null. */
    private String comment(Relationship relationship, double level) {
        String tone;
        double chance;
        switch (relationship) {
            case PUPIL_TEACHER -> {
                tone = level > 0.8 ? "teacher+" : level < -0.8 ? "teacher-" : "teacher0";
                chance = 0.07;
            }
            case PUPIL_SCHOOL -> {
                tone = level > 0 ? "school+" : "school-";
                chance = 0.06;
            }
            case PARENT_SCHOOL -> {
                tone = level > 0.3 ? "parent+" : "parent-";
                chance = 0.1;
            }
            default -> {
                return null;
            }
        }
        if (commentDraw.nextDouble() >= chance) {
            return null;
        }
        List<String> texts = commentTexts.get(tone);
        return texts.get(commentDraw.nextInt(texts.size()));
    }
}
