package org.rapport.cli;

import java.io.PrintWriter;
import org.rapport.measure.MeasurementException;
import org.rapport.measure.ResponseCsv;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "rapport-measure",
        mixinStandardHelpOptions = true, usageHelpWidth = 110,
        versionProvider = RapportMeasure.Version.class,
        description = {
            "Rasch measurement by conditional maximum likelihood.",
            "Models: the dichotomous Rasch model (rm), the rating scale model (rsm) and the partial credit model (pcm),",
            "with Warm's weighted likelihood person measures, item and person fit, and scoring on anchored items.",
            "",
            "Input: a CSV file with a header row of item names and one row per person of integer categories",
            "from 0; an empty cell or NA is a missing answer."},
        subcommands = {CalibrateCommand.class, ScoreCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:an unexpected failure (reading or writing a file)",
            "2:bad input or usage: the message names the file, line and column"})
public final class RapportMeasure implements Runnable {
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: calibrate or score");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line, printing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new RapportMeasure());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ResponseCsv.FormatException || e instanceof MeasurementException
                    || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("rapport-measure: " + e.getMessage());
                commandLine.getErr().println("Try 'rapport-measure " + commandLine.getCommandName() + " --help' for the input format.");
                return BAD_INPUT;
            }
            commandLine.getErr().println("rapport-measure: " + e);
            return 1;
        });
        return cmd.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RapportMeasure.class.getPackage().getImplementationVersion();
            return new String[] {"rapport-measure " + (v == null ? "development build" : v)};
        }
    }
}
