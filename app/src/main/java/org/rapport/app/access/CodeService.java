package org.rapport.app.access;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.ClassGroup;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Generates a window's codes: one per pupil seat and one per family of each class, one per teacher
 * and one per leader. Generating again for a group replaces its unused codes (a lost sheet) and
 * keeps the used ones, so each group always has as many codes as seats.
 */
@Service
public class CodeService {
    private final CodeRepository codes;
    private final Schools schools;
    private final CodeHasher hasher;
    private final SecureRandom random = new SecureRandom();

    CodeService(CodeRepository codes, Schools schools, CodeHasher hasher) {
        this.codes = codes;
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
        codes.deleteUnused(window.id(), role, classId);
        int used = codes.countUsed(window.id(), role, classId);
        List<Slip> slips = new ArrayList<>();
        while (used + slips.size() < seats) {
            String code = AccessCode.generate(random);
            // a collision in 2^49 is drawn again
            if (codes.insert(hasher.hash(code), window.id(), role, classId)) {
                slips.add(new Slip(code, role, name));
            }
        }
        return new Group(name, classId, used, slips);
    }
}
