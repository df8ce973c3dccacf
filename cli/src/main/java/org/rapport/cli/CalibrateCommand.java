package org.rapport.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rapport.measure.Analysis;
import org.rapport.measure.Model;
import org.rapport.measure.ResponseCsv;
import org.rapport.measure.ResponseMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "calibrate", mixinStandardHelpOptions = true, usageHelpWidth = 110, sortOptions = false,
        description = {
            "Fits a Rasch model by conditional maximum likelihood.",
            "Writes into the output folder:",
            "  items.csv    item,threshold,estimate,se: step (Andrich) thresholds in logits, difficulty",
            "               direction, the point where categories k-1 and k are equally likely; all",
            "               thresholds of all items centred on mean 0; se from the information matrix",
            "  persons.csv  row,score,max_score,wle,wle_se (and mle,mle_se with --mle): Warm's weighted",
            "               likelihood estimate on the items each person answered; row 1 = first data row",
            "  fit.csv      item,infit_msq,outfit_msq,infit_z,outfit_z (z by Wilson-Hilferty), residuals",
            "               conditional on each person's raw score (exact with few items a person; fit",
            "               around estimated measures makes fitting short tests look misfitting); the z",
            "               allow for each item's parameters being estimated from the same answers (still",
            "               conservative at 4 items a person); persons with a zero or full score left out",
            "  person_fit.csv  row,infit_msq,outfit_msq,infit_z,outfit_z (NA for zero or full scores)",
            "  information.csv theta and each item's information, and the test's, from -4 to 4 logits",
            "  categories.csv  item,value,category: only when answer values were merged or recoded (below)",
            "  summary.json model, persons, items, conditional_loglik, iterations, converged,",
            "               person_separation_reliability, cronbach_alpha and more",
            "",
            "With pcm and rm, a value of an item that nobody used where it informs (in a row that is",
            "neither a zero nor a full score) cannot be estimated by conditional maximum likelihood. A Rapport",
            "research export comes with the category map of the application's calibration of its rows",
            "(GET /api/v1/windows/{id}/research/{RELATIONSHIP}/categories.csv, item,value,category):",
            "--categories FILE merges the values exactly as the application did, so that the thresholds are",
            "the application's. Without a map, data that need no merge are calibrated as they are, and an",
            "unused value is refused (exit 2) naming the item and the value; --merge-unused then merges it",
            "into the next used value below (at the bottom, above), as Rapport's calibration merges values",
            "of the rows it reads. rsm shares its thresholds across items and merges nothing by itself.",
            "",
            "Example: rapport-measure calibrate --model pcm --out results answers.csv"})
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "rm|rsm|pcm", description = "rm (answers 0/1), rsm (shared steps) or pcm (steps per item; default)",
            converter = ModelConverter.class, defaultValue = "pcm")
    Model model;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: FILE-MODEL in the current folder)")
    Path out;

    @Option(names = "--ignore", split = ",", paramLabel = "COLUMN",
            description = "columns that are not items, left out (e.g. --ignore respondent,school for a Rapport research export)")
    java.util.Set<String> ignore = java.util.Set.of();

    @Option(names = "--mle", description = "also write maximum likelihood person measures (infinite for zero and full scores)")
    boolean mle;

    @Option(names = "--categories", paramLabel = "FILE",
            description = "item,value,category: recode the answers into the model's categories before calibrating (a research export's categories.csv)")
    Path categories;

    @Option(names = "--merge-unused", description = "pcm and rm, without --categories: merge an answer value nobody used where it informs into the next used one")
    boolean mergeUnused;

    @Parameters(paramLabel = "FILE.csv", description = "responses: header of item names, a row per person, categories from 0, empty or NA missing")
    Path input;

    @Override
    public Integer call() throws IOException {
        if (categories != null && mergeUnused) {
            throw new IllegalArgumentException("--categories and --merge-unused exclude each other: the map says how to merge");
        }
        ResponseMatrix raw = ResponseCsv.read(input, ignore);
        ResponseMatrix data = raw;
        if (categories != null) {
            data = CategoriesCsv.apply(categories, raw);
        }
        // the rating scale model shares its thresholds across items: a value unused in one item is estimated from the
        // others, and merging it in that item alone would shift its categories against the shared steps
        int[][] merged = !mergeUnused || model == Model.RSM ? null : CategoriesCsv.merges(data);
        if (merged != null) {
            data = org.rapport.measure.CategoryMerge.recode(data, merged);
        }
        Analysis analysis;
        try {
            analysis = Analysis.run(data, model);
        } catch (org.rapport.measure.MeasurementException e) {
            if (categories == null && !mergeUnused && model != Model.RSM
                    && (e.getMessage().contains("nobody answered in categor") || e.getMessage().contains("with a zero or full score"))) {
                throw new IllegalArgumentException(e.getMessage() + ". Such a value must be merged before calibrating: for a"
                        + " Rapport research export, give its category map (GET /api/v1/windows/{id}/research/{RELATIONSHIP}/categories.csv)"
                        + " with --categories FILE, which merges as the application's calibration did; for other data,"
                        + " --merge-unused merges it into the next used value below", e);
            }
            throw e;
        }
        Path dir = out != null ? out : defaultFolder(input, model);
        Files.createDirectories(dir);
        if (categories == null || !Files.exists(dir.resolve("categories.csv")) || !Files.isSameFile(categories, dir.resolve("categories.csv"))) {
            Files.deleteIfExists(dir.resolve("categories.csv"));
        }
        if (categories != null) {
            if (!Files.exists(dir.resolve("categories.csv"))) {
                Files.copy(categories, dir.resolve("categories.csv"));
            }
            System.out.println("answer values recoded by " + categories + " (copied to categories.csv; score new answers with --categories)");
        } else if (merged != null) {
            CategoriesCsv.write(dir.resolve("categories.csv"), data.itemNames(), merged);
            System.out.printf("%d item(s) had an answer value nobody used where it informs; merged as Rapport does (categories.csv;"
                    + " score new answers with --categories)%n", CategoriesCsv.itemsMerged(raw, merged));
        }
        Outputs.writeItems(dir.resolve("items.csv"), analysis.calibration());
        Outputs.writePersons(dir.resolve("persons.csv"), analysis.persons(),
                mle ? Analysis.score(data, analysis.calibration().items(), org.rapport.measure.PersonEstimator.Method.MLE) : null);
        Outputs.writeItemFit(dir.resolve("fit.csv"), data.itemNames(), analysis.itemFit());
        Outputs.writePersonFit(dir.resolve("person_fit.csv"), analysis.personFit());
        Outputs.writeInformation(dir.resolve("information.csv"), analysis.calibration().items());
        Outputs.writeSummary(dir.resolve("summary.json"), input, analysis);
        System.out.printf("%s: %s on %d persons x %d items, conditional log-likelihood %.6f, %s after %d iterations%n",
                input.getFileName(), model.label(), data.persons(), data.items(),
                analysis.calibration().conditionalLogLikelihood(),
                analysis.calibration().converged() ? "converged" : "NOT converged", analysis.calibration().iterations());
        System.out.println("wrote " + dir.resolve("items.csv") + ", persons.csv, fit.csv, person_fit.csv, information.csv, summary.json");
        return analysis.calibration().converged() ? 0 : 1;
    }

    static Path defaultFolder(Path input, Model model) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return Path.of(stem + "-" + model.label());
    }
}
