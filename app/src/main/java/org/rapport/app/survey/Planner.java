package org.rapport.app.survey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rapport.app.access.CodeContext;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.ItemDraw;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.school.PupilPattern;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.springframework.stereotype.Component;

/**
 * Draws a code's survey: one block per relationship of its role, per teacher of the class where the relationship has targets.
 * A timetable pupil's code is for a pattern of classes: one block per teacher of any of them (a teacher of two of them
 * once, in the home group if they teach it, else in the first of the two), each block kept with its class.
 */
@Component
class Planner {
    private final ItemBank bank;
    private final Schools schools;

    Planner(ItemBank bank, Schools schools) {
        this.bank = bank;
        this.schools = schools;
    }

    /** A teacher as the pupil sees them, and the class of the pupil's in which their block is stored (null: not a timetable). */
    private record Teacher(StaffMember member, Long classId) {
    }

    /** Items drawn per facet with a seed from the code's hash, so every retry draws the same. */
    SurveyPlan plan(CodeContext context) {
        List<Long> classes = null;
        List<Teacher> teachers = new ArrayList<>();
        if (context.patternId() != null) {
            PupilPattern pattern = schools.patterns(List.of(context.patternId())).get(0);
            classes = new ArrayList<>();
            classes.add(pattern.homeClassId());
            pattern.classIds().stream().filter(c -> c != pattern.homeClassId()).forEach(classes::add);
            Map<Long, Teacher> byId = new LinkedHashMap<>();
            for (Long c : classes) {
                for (StaffMember t : schools.teachersOf(c)) {
                    byId.putIfAbsent(t.id(), new Teacher(t, c));
                }
            }
            teachers.addAll(byId.values());
            teachers.sort(Comparator.comparing((Teacher t) -> t.member().name()).thenComparing(t -> t.member().id()));
        } else if (context.classId() != null) {
            schools.teachersOf(context.classId()).forEach(t -> teachers.add(new Teacher(t, null)));
        }
        Long home = classes == null ? null : classes.get(0);
        List<SurveyPlan.Block> blocks = new ArrayList<>();
        Random seeded = new Random(ByteBuffer.wrap(context.codeHash()).getLong());
        for (Relationship relationship : context.role().relationships()) {
            if (relationship.perTarget()) {
                List<List<String>> drawn = ItemDraw.blocks(bank, relationship, teachers.size(), seeded);
                for (int t = 0; t < teachers.size(); t++) {
                    StaffMember m = teachers.get(t).member();
                    blocks.add(new SurveyPlan.Block(relationship, m.id(), m.name(), drawn.get(t), teachers.get(t).classId()));
                }
            } else {
                blocks.add(new SurveyPlan.Block(relationship, null, null, ItemDraw.blocks(bank, relationship, 1, seeded).get(0), home));
            }
        }
        return new SurveyPlan(blocks, classes);
    }
}
