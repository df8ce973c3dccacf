package org.rapport.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseCsvTest {

    private static ResponseMatrix parse(String text) {
        return ResponseCsv.parse(text.getBytes(StandardCharsets.UTF_8), "f.csv");
    }

    @Test
    void readsQuotedNamesMissingCellsAndCrLf() {
        ResponseMatrix m = parse("\uFEFF\"q1\",\"q2\",q3\r\n1,,2\r\nNA,0,\"3\"\r\n\r\n");
        assertThat(m.itemNames()).containsExactly("q1", "q2", "q3");
        assertThat(m.persons()).isEqualTo(2);
        assertThat(m.get(0, 1)).isEqualTo(ResponseMatrix.MISSING);
        assertThat(m.get(1, 0)).isEqualTo(ResponseMatrix.MISSING);
        assertThat(m.get(1, 2)).isEqualTo(3);
    }

    @Test
    void notesBeforeTheHeaderAreReadPastAndLinesStillCountThem() {
        ResponseMatrix m = parse("# The raw answers of one school were deleted.\n# A second note.\na,b\n1,0\n2,1\n");
        assertThat(m.itemNames()).containsExactly("a", "b");
        assertThat(m.persons()).isEqualTo(2);
        assertThat(m.get(1, 0)).isEqualTo(2);
        assertThatThrownBy(() -> parse("# a note\na,b\n1,0\n1,x\n"))
                .hasMessageContaining("f.csv: line 4, column 2 (item b)");
        assertThatThrownBy(() -> parse("# a note\na,a\n1,0\n")).hasMessageContaining("line 2, column 2");
    }

    @Test
    void raggedRowNamesItsLine() {
        assertThatThrownBy(() -> parse("a,b\n1,0\n1\n"))
                .hasMessage("f.csv: line 3: 1 cells, but the header names 2 items");
        assertThatThrownBy(() -> parse("a,b\n1,0,1\n"))
                .hasMessage("f.csv: line 2: 3 cells, but the header names 2 items");
    }

    @Test
    void nonIntegerCellNamesLineAndColumn() {
        assertThatThrownBy(() -> parse("a,b\n1,0\n1,x\n"))
                .hasMessage("f.csv: line 3, column 2 (item b): 'x' is not a category (a whole number from 0), empty or NA");
        assertThatThrownBy(() -> parse("a,b\n1,-1\n"))
                .hasMessageContaining("line 2, column 2 (item b): '-1' is not a category");
        assertThatThrownBy(() -> parse("a,b\n1,1.5\n"))
                .hasMessageContaining("line 2, column 2 (item b): '1.5'");
        assertThatThrownBy(() -> parse("a,b\n1,300\n"))
                .hasMessageContaining("line 2, column 2 (item b): '300' is above the largest category 127");
    }

    @Test
    void emptyFileAndHeaderOnly() {
        assertThatThrownBy(() -> parse("")).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> parse("a,b\n")).hasMessageContaining("no data rows after the header");
        assertThatThrownBy(() -> parse("a,,b\n1,2,3\n")).hasMessageContaining("line 1, column 2: empty item name");
        assertThatThrownBy(() -> parse("a,a\n1,2\n")).hasMessageContaining("item name 'a' appears twice");
    }

    @Test
    void ignoredColumnsAreLeftOutEvenWithCommasInQuotes() {
        ResponseMatrix m = ResponseCsv.parse("respondent,school,q1,q2\na1,\"St Mary's, Oxford\",1,2\nb2,,0,\n"
                .getBytes(StandardCharsets.UTF_8), "f.csv", java.util.Set.of("respondent", "school"));
        assertThat(m.itemNames()).containsExactly("q1", "q2");
        assertThat(m.persons()).isEqualTo(2);
        assertThat(m.get(0, 0)).isEqualTo(1);
        assertThat(m.get(0, 1)).isEqualTo(2);
        assertThat(m.get(1, 1)).isEqualTo(ResponseMatrix.MISSING);
        assertThatThrownBy(() -> ResponseCsv.parse("q1\n1\n".getBytes(StandardCharsets.UTF_8), "f.csv", java.util.Set.of("school")))
                .hasMessage("f.csv: line 1: no column 'school' to ignore; the header has [q1]");
    }
}
