package org.rapport.app.access;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.ClassGroup;
import org.rapport.app.school.SchoolRepository;
import org.rapport.app.school.StaffMember;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.window.SurveyWindow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Generates a window's codes: one per pupil seat and one per family of each class, one per teacher
 * and one per leader. Generating again for a group replaces its unused codes (a lost sheet) and
 * keeps the used ones, so each group always has as many codes as seats.
 */
@Service
public class CodeService {
    private final JdbcClient jdbc;
    private final SchoolRepository schools;
    private final CodeHasher hasher;
    private final SecureRandom random = new SecureRandom();

    public CodeService(JdbcClient jdbc, SchoolRepository schools, CodeHasher hasher) {
        this.jdbc = jdbc;
        this.schools = schools;
        this.hasher = hasher;
    }

    /** One printable slip. The code exists only here and on paper; the database keeps its hash. */
    public record Slip(String code, RespondentRole role, String group) {
        public String formatted() {
            return AccessCode.format(code);
        }
    }

    public record Batch(SurveyWindow window, RespondentRole role, List<Group> groups) {
    }

    public record Group(String name, Long classId, int alreadyUsed, List<Slip> slips) {
    }

    @Transactional
    public Batch generate(SurveyWindow window, RespondentRole role, List<Long> classIds) {
        if (window.status() == SurveyWindow.Status.CLOSED) {
            throw new ConflictException("window", "this window is closed; open a new window to survey again");
        }
        List<Group> groups = new ArrayList<>();
        if (role.perClass()) {
            List<ClassGroup> classes = schools.classes(window.schoolId());
            List<ClassGroup> chosen = classIds == null || classIds.isEmpty() ? classes
                    : classes.stream().filter(c -> classIds.contains(c.id())).toList();
            if (classIds != null && chosen.size() != classIds.size()) {
                throw new InvalidInputException("classes", "some classes are not classes of this school");
            }
            for (ClassGroup c : chosen) {
                groups.add(generateGroup(window, role, c.id(), c.name(), c.pupils()));
            }
        } else {
            List<StaffMember> staff = schools.staff(window.schoolId()).stream()
                    .filter(StaffMember::active)
                    .filter(s -> role == RespondentRole.LEADER ? s.leader() : !s.leader())
                    .toList();
            groups.add(generateGroup(window, role, null, role == RespondentRole.LEADER ? "Leaders" : "Teachers", staff.size()));
        }
        return new Batch(window, role, groups);
    }

    private Group generateGroup(SurveyWindow window, RespondentRole role, Long classId, String name, int seats) {
        jdbc.sql("""
                delete from access_code where window_id = ? and respondent_role = ? and class_id is not distinct from ?
                and not used""").params(window.id(), role.name(), classId).update();
        int used = jdbc.sql("""
                select count(*) from access_code where window_id = ? and respondent_role = ?
                and class_id is not distinct from ? and used""")
                .params(window.id(), role.name(), classId).query(Integer.class).single();
        List<Slip> slips = new ArrayList<>();
        for (int k = used; k < seats; k++) {
            String code = AccessCode.generate(random);
            int inserted = jdbc.sql("""
                    insert into access_code (code_hash, window_id, respondent_role, class_id) values (?, ?, ?, ?)
                    on conflict do nothing""")
                    .params(hasher.hash(code), window.id(), role.name(), classId).update();
            if (inserted == 1) {
                slips.add(new Slip(code, role, name));
            } else {
                k--; // a collision in 2^49: draw again
            }
        }
        return new Group(name, classId, used, slips);
    }
}
