package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosterCsvTest {
    static final String HEADER = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<RosterError> errors(String roster, String staff) {
        return catchThrowableOfType(RosterCsv.InvalidRosterException.class,
                () -> RosterCsv.parse(bytes(roster), staff == null ? null : bytes(staff))).rosterErrors();
    }

    @Test
    void readsClassesTeachersAndTeaching() {
        Roster r = RosterCsv.parse(bytes(HEADER
                + "7A,Year 7 A,7,28,T01,Ms Amara Okafor,a.okafor@school.example,English\n"
                + "7A,Year 7 A,7,28,T02,\"Hughes, Ben\",b.hughes@school.example,Maths\r\n"
                + "7B,,7,27,T01,Ms Amara Okafor,A.Okafor@school.example,\n"), bytes("staff_id,name,email,role\nH1,Dr Head,head@school.example,leader\n"));
        assertThat(r.classes()).extracting(Roster.ClassRow::ref).containsExactly("7A", "7B");
        assertThat(r.classes().get(1).name()).isEqualTo("7B");
        assertThat(r.staff()).extracting(Roster.StaffRow::ref).containsExactly("H1", "T01", "T02");
        assertThat(r.staff().get(2).name()).isEqualTo("Hughes, Ben");
        assertThat(r.staff().get(0).leader()).isTrue();
        assertThat(r.teaching()).hasSize(3);
    }

    @Test
    void everyBadRowIsListedByLineAndColumn() {
        List<RosterError> e = errors(HEADER
                + "7A,Year 7 A,7,twenty,T01,Ms Okafor,a.okafor@school.example,English\n"
                + "7B,Year 7 B,7,27,T02,Mr Hughes,not-an-email,Maths\n"
                + "7C,Year 7 C,7,27,,Mr Nobody,n@school.example,Maths\n"
                + "7D,Year 7 D,7,27,T03,Ms Silva,s@school.example\n"
                + "7E,Year 7 E,7,999,T04,Ms Patel,p@school.example,Art\n", null);
        assertThat(e).extracting(RosterError::toString).containsExactly(
                "roster, line 2, column 4 (pupils): 'twenty' is not a number of pupils from 0 to 200",
                "roster, line 3, column 7 (teacher_email): 'not-an-email' is not an e-mail address",
                "roster, line 4, column 5 (teacher_id): teacher_id is empty",
                "roster, line 5: 7 cells, but the header has 8",
                "roster, line 6, column 4 (pupils): '999' is not a number of pupils from 0 to 200");
    }

    @Test
    void inconsistentRowsAndDuplicates() {
        List<RosterError> e = errors(HEADER
                + "7A,Year 7 A,7,28,T01,Ms Okafor,a@school.example,English\n"
                + "7A,Year 7 A,7,29,T02,Mr Hughes,b@school.example,Maths\n"
                + "7B,Year 7 B,7,20,T01,Ms Okafor,other@school.example,English\n"
                + "7B,Year 7 B,7,20,T03,Mr Third,b@school.example,Maths\n"
                + "7B,Year 7 B,7,20,T01,Ms Okafor,a@school.example,Music\n", null);
        assertThat(e).extracting(RosterError::line).containsExactly(3, 4, 5, 6);
        assertThat(e.get(0).message()).contains("class 7A is described differently");
        assertThat(e.get(1).message()).contains("teacher T01 has a different name or e-mail than on line 2");
        assertThat(e.get(2).message()).contains("already belongs to staff id T02");
        assertThat(e.get(3).message()).contains("teacher T01 is already listed for class 7B");
    }

    @Test
    void malformedFiles() {
        assertThat(errors("", null).get(0).message()).contains("the file is empty");
        assertThat(errors("class,pupils\n7A,28\n", null)).extracting(RosterError::message)
                .contains("the header has no column 'teacher_id'; expected class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject,family_languages");
        assertThat(errors(HEADER + "7A,\"Year 7 A,7,28,T01,Ms Okafor,a@school.example,English\n", null).get(0).message())
                .startsWith("the file is not valid CSV");
        assertThat(errors(HEADER, null).get(0).message()).isEqualTo("no classes after the header");
        assertThat(catchThrowableOfType(RosterCsv.InvalidRosterException.class,
                () -> RosterCsv.parse(new byte[] {(byte) 0xC3, 0x28, 0x0A}, null)).errors().get(0).message())
                .contains("not UTF-8");
        assertThat(errors(HEADER.replace("subject", "favourite_colour") + "7A,A,7,1,T,N,n@e.example,red\n", null).get(0).message())
                .startsWith("unknown column 'favourite_colour'");
        assertThat(errors("staff_id,name,email,role\nH1,Head,h@e.example,janitor\n", "staff_id,name,email,role\nH1,Head,h@e.example,janitor\n"))
                .isNotEmpty();
    }

    /** A NUL (or another control character) anywhere, even where the CSV reader would trim it away, is a fault of its line. */
    @Test
    void controlCharactersAreListedByLine() {
        String row = "7A,Year 7 A,7,28,T01,Ms Okafor,a@school.example,English\n";
        assertThat(errors(HEADER + row.replace("7,28", "7\u0000,28") + row.replace("English", "Eng\u0007lish"), null))
                .extracting(RosterError::file, RosterError::line, RosterError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("roster", 2, "a control character (U+0000) at character 14 of the line; "
                                + "remove it and save the file again"),
                        org.assertj.core.groups.Tuple.tuple("roster", 3, "a control character (U+0007) at character 52 of the line; "
                                + "remove it and save the file again"));
        assertThat(errors(HEADER.replace("subject", "sub\u0000ject") + row, null)).extracting(RosterError::line).containsExactly(1);
        assertThat(errors(HEADER + row, "staff_id,name,email,role\nH1,Head\u0085,h@e.example,leader\n"))
                .extracting(RosterError::file, RosterError::line).containsExactly(org.assertj.core.groups.Tuple.tuple("staff", 2));
        // a tab is no control character to refuse here; as everywhere, a name with one is refused by its own rule
        assertThat(errors(HEADER + row.replace("Ms Okafor", "Ms\tOkafor"), null)).extracting(RosterError::message)
                .containsExactly("teacher_name contains control characters");
    }

    @Test
    void staffRoleMustBeTeacherOrLeader() {
        List<RosterError> e = errors(HEADER + "7A,A,7,1,T1,N,n@e.example,\n", "staff_id,name,email,role\nH1,Head,h@e.example,janitor\n");
        assertThat(e).extracting(RosterError::toString)
                .containsExactly("staff, line 2, column 4 (role): 'janitor' is not a role: use teacher or leader");
    }

    @Test
    void familyLanguagesAreCountedPerClassAndCheckedAgainstThePupils() {
        String header = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject,family_languages\n";
        Roster r = RosterCsv.parse(bytes(header
                + "7A,Year 7 A,7,28,T01,Ms Okafor,a@school.example,English,pl:3; ar:2\n"
                + "7A,Year 7 A,7,28,T02,Mr Hughes,b@school.example,Maths,pl:3; ar:2\n"
                + "7B,Year 7 B,7,20,T01,Ms Okafor,a@school.example,English,\n"), null);
        assertThat(r.classes().get(0).familyLanguages()).isEqualTo("pl:3 ar:2");
        assertThat(r.classes().get(1).familyLanguages()).isNull();
        assertThat(new ClassGroup(1, 1, "7A", "Year 7 A", "7", 28, "pl:3 ar:2").familyLanguageCounts())
                .containsExactly(java.util.Map.entry("pl", 3), java.util.Map.entry("ar", 2));

        List<RosterError> e = errors(header
                + "7A,Year 7 A,7,28,T01,Ms Okafor,a@school.example,English,polish three\n"
                + "7B,Year 7 B,7,4,T01,Ms Okafor,a@school.example,English,pl:3 ar:2\n"
                + "7C,Year 7 C,7,20,T01,Ms Okafor,a@school.example,English,pl:0\n", null);
        assertThat(e).extracting(RosterError::toString).containsExactly(
                "roster, line 2, column 9 (family_languages): write each language code (ISO 639, such as pl or ar) with its number of families, like pl:3 ar:2",
                "roster, line 3, column 9 (family_languages): 5 families are more than the class's 4 pupils",
                "roster, line 4, column 9 (family_languages): write each language code (ISO 639, such as pl or ar) with its number of families, like pl:3 ar:2");
    }
}
