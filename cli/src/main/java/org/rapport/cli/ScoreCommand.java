package org.rapport.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rapport.measure.Analysis;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.PersonEstimator;
import org.rapport.measure.PersonMeasure;
import org.rapport.measure.ResponseCsv;
import org.rapport.measure.ResponseMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "score", mixinStandardHelpOptions = true, usageHelpWidth = 110, sortOptions = false,
        description = {
            "Scores persons on anchored item parameters.",
            "For trends: new data on the scale of an earlier calibration.",
            "Writes row,score,max_score,wle,wle_se (and mle,mle_se with --mle)",
            "to standard output or to --out. Every item of FILE.csv must appear in the anchor file;",
            "anchored items missing from FILE.csv are treated as not administered.",
            "",
            "Example: rapport-measure score --items results/items.csv new-answers.csv"})
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--items", required = true, paramLabel = "items.csv",
            description = "anchor file as written by calibrate: item,threshold,estimate[,se]")
    Path items;

    @Option(names = "--out", paramLabel = "FILE", description = "write the measures here instead of standard output")
    Path out;

    @Option(names = "--mle", description = "also write maximum likelihood measures")
    boolean mle;

    @Option(names = "--ignore", split = ",", paramLabel = "COLUMN",
            description = "columns that are not items, left out (e.g. --ignore respondent,school for a Rapport research export)")
    java.util.Set<String> ignore = java.util.Set.of();

    @Option(names = "--categories", paramLabel = "categories.csv",
            description = "the merges calibrate wrote (item,value,category): answers are recoded with them first")
    Path categories;

    @Parameters(paramLabel = "FILE.csv", description = "responses to score, in the same format as for calibrate")
    Path input;

    @Override
    public Integer call() throws IOException {
        ItemParameters anchors = ItemsCsv.read(items);
        ResponseMatrix data = ResponseCsv.read(input, ignore);
        if (categories != null) {
            data = CategoriesCsv.apply(categories, data);
        }
        PersonMeasure[] wle = Analysis.score(data, anchors, PersonEstimator.Method.WLE);
        PersonMeasure[] ml = mle ? Analysis.score(data, anchors, PersonEstimator.Method.MLE) : null;
        if (out != null) {
            Outputs.writePersons(out, wle, ml);
        } else {
            Outputs.printPersons(System.out, wle, ml);
        }
        return 0;
    }
}
