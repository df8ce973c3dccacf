package org.rapport.app.safeguarding;

import java.util.List;
import java.util.Optional;
import org.rapport.app.school.School;
import org.rapport.app.school.StaffGuard;
import org.rapport.app.school.StaffMember;
import org.rapport.app.web.Lists;
import org.rapport.app.web.PublicUrl;
import org.rapport.app.web.Text;
import org.springframework.stereotype.Component;

/**
 * While a window of the school is open, no change of its staff (a roster upload, retiring or merging a person) may
 * leave it without a designated safeguarding lead, named or its head by default: a comment that may disclose harm
 * would reach nobody. Such a change is refused, naming the fix: name another lead first. A closed window needs no
 * lead until it is reopened, and reopening asks for one as opening does ({@link LeadRequired}). The same rule
 * guards naming the leads ({@link Safeguarding#setLeads}).
 */
@Component
class LeadKept implements StaffGuard {
    private final Safeguarding safeguarding;
    private final PublicUrl publicUrl;

    LeadKept(Safeguarding safeguarding, PublicUrl publicUrl) {
        this.safeguarding = safeguarding;
        this.publicUrl = publicUrl;
    }

    @Override
    public Optional<Text> refusal(School school, Change change) {
        Optional<String> open = safeguarding.openWindow(school.id());
        if (open.isEmpty()) {
            return Optional.empty();
        }
        List<StaffMember> lost = safeguarding.leadsLost(school.id(), change.before(), change.after(), change.mergedInto());
        if (lost.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Text("safeguarding.leadKept.refused", Lists.and(lost.stream().map(StaffMember::name).toList()),
                school.name(), open.get(), publicUrl.base() + "/staff/schools/" + school.id() + "/safeguarding"));
    }
}
