package org.rapport.app.safeguarding;

import java.util.Optional;
import org.rapport.app.school.School;
import org.rapport.app.web.PublicUrl;
import org.rapport.app.web.Text;
import org.rapport.app.window.OpeningCheck;
import org.springframework.stereotype.Component;

/**
 * No window opens before the school has a designated safeguarding lead (named, or its head by
 * default): a comment that may disclose harm must reach someone from the first answer. The refusal
 * names the fix and links to it.
 */
@Component
class LeadRequired implements OpeningCheck {
    private final Safeguarding safeguarding;
    private final PublicUrl publicUrl;

    LeadRequired(Safeguarding safeguarding, PublicUrl publicUrl) {
        this.safeguarding = safeguarding;
        this.publicUrl = publicUrl;
    }

    @Override
    public Optional<Blocker> blocker(School school) {
        if (safeguarding.hasLead(school.id())) {
            return Optional.empty();
        }
        String path = "/staff/schools/" + school.id() + "/safeguarding";
        return Optional.of(new Blocker("safeguarding",
                new Text("safeguarding.noLead.problem", school.name(), publicUrl.base() + path, "/api/v1/schools/" + school.id() + "/safeguarding"),
                new Text("safeguarding.noLead.window", school.name()),
                new Text("safeguarding.noLead.fix"), path));
    }
}
