package org.rapport.app.overview;

import java.util.Locale;
import org.rapport.app.security.StaffUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Gives the overview pages (all schools, or one school's) the first-day guide as {@code firstDay}, for
 * the fragment {@code fragments/first-day}; null when there is nothing left to do or the reader is a teacher.
 */
@ControllerAdvice(assignableTypes = OverviewController.class)
class FirstDayAdvice {
    private final FirstDayGuide guide;

    FirstDayAdvice(FirstDayGuide guide) {
        this.guide = guide;
    }

    @ModelAttribute("firstDay")
    FirstDayGuide.Guide firstDay(@AuthenticationPrincipal StaffUser user, @PathVariable(required = false) Long schoolId, Locale locale) {
        return user == null ? null : guide.of(user, schoolId, locale);
    }
}
