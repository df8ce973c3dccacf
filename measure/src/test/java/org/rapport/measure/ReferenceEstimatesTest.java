package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Agreement with eRm's CML estimates and an independent WLE, per src/test/resources/reference/README.md. */
class ReferenceEstimatesTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"raschdat1,rm", "rsmdat,rsm", "pcmdat2,pcm", "sim_pcm_missing,pcm", "sim_pcm_missing,rsm"})
    void agreesWithReference(String dataset, String model) throws IOException {
        ResponseMatrix data = ResponseCsv.read(ReferenceData.file(dataset + ".csv"));
        Analysis analysis = Analysis.run(data, Model.parse(model));
        Calibration calibration = analysis.calibration();
        String prefix = dataset + "." + model;

        assertThat(calibration.converged()).isTrue();
        assertThat(calibration.conditionalLogLikelihood())
                .isCloseTo(ReferenceData.summaryNumber(prefix + ".summary.json", "conditional_loglik"), within(1e-4));
        assertThat(calibration.freeParameters())
                .isEqualTo((int) ReferenceData.summaryNumber(prefix + ".summary.json", "npar"));
        assertThat(calibration.persons())
                .isEqualTo((long) ReferenceData.summaryNumber(prefix + ".summary.json", "persons"));

        List<String[]> items = ReferenceData.rows(prefix + ".items.csv");
        assertThat(items).hasSize(countThresholds(calibration.items()));
        for (String[] row : items) {
            int item = data.itemNames().indexOf(row[0]);
            double expected = Double.parseDouble(row[2]);
            assertThat(calibration.items().threshold(item, Integer.parseInt(row[1])))
                    .as("threshold %s of %s", row[1], row[0])
                    .isCloseTo(expected, within(1e-3));
        }

        List<String[]> persons = ReferenceData.rows(prefix + ".persons.csv");
        assertThat(persons).hasSize(data.persons());
        for (String[] row : persons) {
            PersonMeasure m = analysis.persons()[Integer.parseInt(row[0]) - 1];
            assertThat(m.score()).as("score of row %s", row[0]).isEqualTo(Integer.parseInt(row[1]));
            assertThat(m.maxScore()).as("max score of row %s", row[0]).isEqualTo(Integer.parseInt(row[2]));
            assertThat(m.measure()).as("WLE of row %s", row[0]).isCloseTo(Double.parseDouble(row[3]), within(1e-3));
            assertThat(m.standardError()).as("WLE SE of row %s", row[0]).isCloseTo(Double.parseDouble(row[4]), within(1e-3));
        }
    }

    @ParameterizedTest(name = "score {0}")
    @CsvSource({"0", "1", "2", "3", "4", "5"})
    void warmsWorkedExample(int score) throws IOException {
        ItemParameters items = new ItemParameters(List.of("a", "b", "c", "d", "e"),
                new double[][] {{-1.5}, {-0.75}, {0}, {0.75}, {1.5}});
        String[] row = ReferenceData.rows("wle_five_items.csv").get(score);
        PersonMeasure m = PersonEstimator.wle(items).estimate(new int[] {0, 1, 2, 3, 4}, score);
        assertThat(m.measure()).isCloseTo(Double.parseDouble(row[1]), within(1e-4));
        assertThat(m.standardError()).isCloseTo(Double.parseDouble(row[2]), within(1e-4));
    }

    private static int countThresholds(ItemParameters items) {
        int n = 0;
        for (int i = 0; i < items.items(); i++) {
            n += items.maxCategory(i);
        }
        return n;
    }
}
