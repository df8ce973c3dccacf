package org.rapport.app.survey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rapport.app.access.CodeContext;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.ItemDraw;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.springframework.stereotype.Component;

/** Draws a code's survey: one block per relationship of its role, per teacher of the class where the relationship has targets. */
@Component
class Planner {
    private final ItemBank bank;
    private final Schools schools;

    Planner(ItemBank bank, Schools schools) {
        this.bank = bank;
        this.schools = schools;
    }

    /** Items drawn per facet with a seed from the code's hash, so every retry draws the same. */
    SurveyPlan plan(CodeContext context) {
        List<SurveyPlan.Block> blocks = new ArrayList<>();
        Random seeded = new Random(ByteBuffer.wrap(context.codeHash()).getLong());
        for (Relationship relationship : context.role().relationships()) {
            if (relationship.perTarget()) {
                List<StaffMember> teachers = context.classId() == null ? List.of() : schools.teachersOf(context.classId());
                List<List<String>> drawn = ItemDraw.blocks(bank, relationship, teachers.size(), seeded);
                for (int t = 0; t < teachers.size(); t++) {
                    blocks.add(new SurveyPlan.Block(relationship, teachers.get(t).id(), teachers.get(t).name(), drawn.get(t)));
                }
            } else {
                blocks.add(new SurveyPlan.Block(relationship, null, null, ItemDraw.blocks(bank, relationship, 1, seeded).get(0)));
            }
        }
        return new SurveyPlan(blocks);
    }
}
