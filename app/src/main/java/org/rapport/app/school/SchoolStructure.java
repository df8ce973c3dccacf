package org.rapport.app.school;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who belongs where in a set of schools, for measuring: each class's school, each teacher's school and
 * classes, each team member's team and each team's school; and every member of staff ({@code people}), so that
 * two records of one person merged into one (one of them gone) changes the structure, and every instance then
 * rebuilds the measures it keeps.
 */
public record SchoolStructure(Map<Long, Long> classSchool, Map<Long, Long> teacherSchool, Map<Long, Set<Long>> classesOf,
                              Map<Long, Long> teamOf, Map<Long, Long> teamSchool, Set<Long> people) {

    static final class Builder {
        private final Map<Long, Long> classSchool = new HashMap<>();
        private final Map<Long, Long> teacherSchool = new HashMap<>();
        private final Map<Long, Set<Long>> classesOf = new HashMap<>();
        private final Map<Long, Long> teamOf = new HashMap<>();
        private final Map<Long, Long> teamSchool = new HashMap<>();
        private final Set<Long> people = new HashSet<>();

        void classIn(long classId, long schoolId) {
            classSchool.put(classId, schoolId);
        }

        void teaches(long teacherId, long classId, long schoolId) {
            teacherSchool.put(teacherId, schoolId);
            classesOf.computeIfAbsent(teacherId, t -> new HashSet<>()).add(classId);
        }

        void onStaff(long staffId) {
            people.add(staffId);
        }

        void inTeam(long staffId, long teamId, long schoolId) {
            teamOf.put(staffId, teamId);
            teamSchool.put(teamId, schoolId);
        }

        SchoolStructure build() {
            return new SchoolStructure(classSchool, teacherSchool, classesOf, teamOf, teamSchool, people);
        }
    }
}
