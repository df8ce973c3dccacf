package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.web.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/** A network, its schools and their first admins come to exist through onboarding; the roster then adopts the admin's account. */
class OnboardingTest extends AppTest {
    @Autowired
    Onboarding onboarding;
    @Autowired
    RosterService roster;
    @Autowired
    Schools schools;
    @Autowired
    StaffPasswords passwords;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    long accounts() {
        return jdbc.sql("select count(*) from staff").query(Long.class).single();
    }

    @Test
    void aNetworkAndASchoolWithTheirFirstAdminsWhoCanSignInOnceTheyHaveAPassword() {
        String tag = tag();
        Onboarding.Started network = onboarding.createNetwork("  Trust " + tag + " ",
                new Onboarding.NewAccount("Jo Fielding", "Jo." + tag + "@Trust.example"));
        assertThat(network.admin().role()).isEqualTo("NETWORK_ADMIN");
        assertThat(network.admin().schoolId()).isNull();
        assertThat(network.admin().canLogIn()).isFalse();
        passwords.set(network.admin(), "a long enough secret");
        StaffUser admin = (StaffUser) users.loadUserByUsername("jo." + tag + "@trust.example");
        assertThat(admin.isNetworkAdmin()).isTrue();
        assertThat(admin.networkId()).isEqualTo(network.networkId());

        Onboarding.NewSchool school = onboarding.addSchool(network.networkId(), "Hill School",
                new Onboarding.NewAccount("Dr Ruth Cole", "head-" + tag + "@hill.example"));
        assertThat(school.school().name()).isEqualTo("Hill School");
        assertThat(school.admin().role()).isEqualTo("SCHOOL_ADMIN");
        assertThat(school.admin().leader()).isTrue();
        assertThat(schools.inNetwork(network.networkId())).containsExactly(school.school());
    }

    @Test
    void badInputIsRefusedFieldByFieldAndCreatesNothing() {
        long before = accounts();
        List<InvalidInputException.FieldError> errors = catchThrowableOfType(InvalidInputException.class,
                () -> onboarding.createNetwork(" ", new Onboarding.NewAccount("", "not-an-address"))).errors();
        assertThat(errors).extracting(InvalidInputException.FieldError::field).containsExactly("name", "admin.name", "admin.email");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> onboarding.createNetwork("Trust", null)).errors())
                .extracting(InvalidInputException.FieldError::field).containsExactly("admin");

        String tag = tag();
        Onboarding.Started network = onboarding.createNetwork("Trust " + tag, new Onboarding.NewAccount("Jo", "jo-" + tag + "@t.example"));
        // an e-mail has one account, whatever its case
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> onboarding.addSchool(network.networkId(), "A",
                new Onboarding.NewAccount("Someone", "JO-" + tag + "@T.example"))).errors())
                .singleElement().satisfies(e -> assertThat(e.message()).contains("already belongs to an account"));
        onboarding.addSchool(network.networkId(), "Hill School", new Onboarding.NewAccount("Head", "head-" + tag + "@t.example"));
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> onboarding.addSchool(network.networkId(), "hill school",
                new Onboarding.NewAccount("Head 2", "head2-" + tag + "@t.example"))).errors())
                .singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(accounts()).isEqualTo(before + 2);
        assertThat(schools.inNetwork(network.networkId())).hasSize(1);
    }

    @Test
    void theRosterAdoptsTheFirstAdminsAccountAndKeepsThemAnAdmin() {
        String tag = tag();
        String head = "head-" + tag + "@t.example";
        School school = schoolWithItsHead(tag, head);
        long before = accounts();
        // the head is in the roster as a teacher with a staff id: the same account gets the id, and stays an admin
        roster.importRoster(school, RosterCsv.parse(bytes("""
                class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject
                7A,7A,7,25,S1,Dr Head,%s,Maths
                7A,7A,7,25,S2,Ms Other,other-%s@t.example,English
                """.formatted(head, tag)), null));
        assertThat(accounts()).isEqualTo(before + 1);
        StaffMember adopted = schools.staff(school.id()).stream().filter(s -> s.email().equals(head)).findFirst().orElseThrow();
        assertThat(adopted.ref()).isEqualTo("S1");
        assertThat(adopted.name()).isEqualTo("Dr Head");
        assertThat(adopted.role()).isEqualTo("SCHOOL_ADMIN");
    }

    @Test
    void anAdminsEMailGivenToAnotherStaffIdIsARosterErrorNotAFailure() {
        String tag = tag();
        String head = "head-" + tag + "@t.example";
        School school = schoolWithItsHead(tag, head);
        String file = """
                class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject
                7A,7A,7,25,S2,Ms Other,%s,English
                """;
        roster.importRoster(school, RosterCsv.parse(bytes(file.formatted("other-" + tag + "@t.example")), null));
        // S2 exists now (Ms Other): neither the head's account (no staff id yet) nor the network admin's can become S2
        for (String taken : List.of(head, "jo-" + tag + "@t.example")) {
            long before = accounts();
            RosterCsv.InvalidRosterException refused = catchThrowableOfType(RosterCsv.InvalidRosterException.class,
                    () -> roster.importRoster(school, RosterCsv.parse(bytes(file.formatted(taken)), null)));
            assertThat(refused.rosterErrors()).as(taken).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains(taken, "is the account of", "staff id S2 is the account of Ms Other"));
            assertThat(accounts()).isEqualTo(before);
        }
        assertThat(schools.staff(school.id())).extracting(StaffMember::email).containsExactlyInAnyOrder(head, "other-" + tag + "@t.example");
    }

    /** A new network (its admin jo-TAG@t.example) with one school whose first admin is {@code head}. */
    School schoolWithItsHead(String tag, String head) {
        Onboarding.Started network = onboarding.createNetwork("Trust " + tag, new Onboarding.NewAccount("Jo", "jo-" + tag + "@t.example"));
        return onboarding.addSchool(network.networkId(), "Hill", new Onboarding.NewAccount("Head", head)).school();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
