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
 * A timetable pupil's survey is for their classes (those they chose, or those of the set of classes an older code was
 * printed for): one block per teacher of any of them (a teacher of two of them once, in the home group if they teach it,
 * else in the first of the two), each block kept with its class.
 */
@Component
class Planner {
    /**
     * A relationship about the school or its staff (not about each teacher) draws every item of its facets where fewer than
     * this many answers an item are expected from the codes issued in the network's round: planned missingness saves time
     * where many answer, but in a small staff (or a school alone in its network) each item would get a handful of answers,
     * too few to calibrate it. Pupils' blocks about each teacher keep the draw: they rotate a facet's items across a pupil's
     * teachers, and a full draw about each of them would make a survey too long.
     */
    static final int FULL_DRAW_BELOW = 40;

    private final ItemBank bank;
    private final Schools schools;
    private final org.rapport.app.window.Windows windows;
    private final org.rapport.app.access.Codes codes;

    Planner(ItemBank bank, Schools schools, org.rapport.app.window.Windows windows, org.rapport.app.access.Codes codes) {
        this.bank = bank;
        this.schools = schools;
        this.windows = windows;
        this.codes = codes;
    }

    /** Codes issued to this role in the network's round of the code's window (its schools' windows of the same name). */
    private int invitedInRound(CodeContext context) {
        long network = schools.find(context.window().schoolId()).orElseThrow().networkId();
        List<Long> round = windows.wave(network, context.window().name()).windowIds();
        return codes.invited(round).getOrDefault(context.role(), List.of()).stream().mapToInt(org.rapport.app.access.Codes.Invited::codes).sum();
    }

    /** Whether every item of the relationship's facets is drawn: expected answers an item below {@link #FULL_DRAW_BELOW}. */
    private boolean fullDraw(Relationship relationship, int invited) {
        if (relationship.perTarget()) {
            return false;
        }
        int fewest = bank.facets(relationship).values().stream().mapToInt(List::size).min().orElse(1);
        int per = Math.min(relationship.itemsPerFacet(), fewest);
        return (double) invited * per / fewest < FULL_DRAW_BELOW;
    }

    /** A teacher as the pupil sees them, and the class of the pupil's in which their block is stored (null: not a timetable). */
    private record Teacher(StaffMember member, Long classId) {
    }

    /**
     * The classes a timetable pupil of this home group can choose (those of its pupils' sets of classes, besides the home
     * group, by name) and how many at most: {@link ClassChoices#NONE} if the code chooses none.
     */
    ClassChoices choices(CodeContext context) {
        if (!context.choosesClasses()) {
            return ClassChoices.NONE;
        }
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        int most = 0;
        for (PupilPattern p : schools.patterns(context.window().schoolId())) {
            if (p.active() && p.homeClassId() == context.classId()) {
                p.classIds().stream().filter(c -> c != p.homeClassId()).forEach(ids::add);
                most = Math.max(most, (int) p.classIds().stream().filter(c -> c != p.homeClassId()).count());
            }
        }
        List<ClassChoices.Choice> out = new ArrayList<>();
        for (org.rapport.app.school.ClassGroup c : schools.classes(context.window().schoolId())) {
            if (ids.contains(c.id())) {
                out.add(new ClassChoices.Choice(c.id(), c.name(), schools.teachersOf(c.id()).stream().map(StaffMember::name).toList()));
            }
        }
        out.sort(Comparator.comparing(ClassChoices.Choice::name, org.rapport.app.school.ClassGroup.NATURAL).thenComparing(ClassChoices.Choice::classId));
        return new ClassChoices(out, most, List.of());
    }

    /**
     * Items drawn per facet with a seed from the code's hash, so every retry draws the same. A timetable pupil who
     * chooses their classes is asked to first (409), unless their home group offers none.
     */
    SurveyPlan plan(CodeContext context) {
        if (context.choosesClasses()) {
            if (choices(context).offered()) {
                throw new org.rapport.app.web.ConflictException("classes", new org.rapport.app.web.Text("survey.classes.first"));
            }
            // a home group whose pupils have no other class: nothing to choose
            return plan(context, List.of());
        }
        if (context.patternId() != null) {
            PupilPattern pattern = schools.patterns(List.of(context.patternId())).get(0);
            return plan(context, pattern.classIds().stream().filter(c -> c != pattern.homeClassId()).toList());
        }
        return draw(context, null);
    }

    /**
     * A timetable pupil's survey for their home group and these other classes of theirs (checked against
     * {@link #choices} by the caller).
     */
    SurveyPlan plan(CodeContext context, List<Long> chosen) {
        List<Long> classes = new ArrayList<>();
        classes.add(context.classId());
        chosen.stream().filter(c -> !c.equals(context.classId())).distinct().forEach(classes::add);
        return draw(context, classes);
    }

    private SurveyPlan draw(CodeContext context, List<Long> classes) {
        List<Teacher> teachers = new ArrayList<>();
        if (classes != null) {
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
        int invited = -1;
        for (Relationship relationship : context.role().relationships()) {
            if (relationship.perTarget()) {
                List<List<String>> drawn = ItemDraw.blocks(bank, relationship, teachers.size(), seeded);
                for (int t = 0; t < teachers.size(); t++) {
                    StaffMember m = teachers.get(t).member();
                    blocks.add(new SurveyPlan.Block(relationship, m.id(), m.name(), drawn.get(t), teachers.get(t).classId()));
                }
            } else {
                if (invited < 0) {
                    invited = invitedInRound(context);
                }
                List<String> drawn = ItemDraw.blocks(bank, relationship, 1, seeded).get(0);
                if (fullDraw(relationship, invited)) {
                    drawn = bank.facets(relationship).values().stream().flatMap(List::stream).map(org.rapport.app.itembank.Item::id).toList();
                }
                blocks.add(new SurveyPlan.Block(relationship, null, null, drawn, home));
            }
        }
        return new SurveyPlan(blocks, classes);
    }
}
