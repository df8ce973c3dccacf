package org.rapport.app.school;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rapport.app.security.SignInThrottle;
import org.rapport.app.security.StaffUser;
import org.springframework.stereotype.Service;

/** What a school's admins see of failed sign-ins to their staff's accounts: who, how often, the last, over 30 days. */
@Service
public class SignInFailures {
    static final int DAYS = 30;
    private final SchoolAccess access;
    private final RosterRepository roster;
    private final SignInThrottle throttle;

    SignInFailures(SchoolAccess access, RosterRepository roster, SignInThrottle throttle) {
        this.access = access;
        this.roster = roster;
        this.throttle = throttle;
    }

    /** One account's failed sign-ins; {@code whileSlowed}: those refused unchecked because the account or address was slowed. */
    public record Entry(long staffId, String name, String email, int failures, int whileSlowed, OffsetDateTime last) {
    }

    /** The school's accounts with failed sign-ins in the last 30 days, the most recent first (admins of the school or network). */
    public List<Entry> of(StaffUser admin, long schoolId) {
        return ofSchool(access.manage(admin, schoolId).id());
    }

    /** The same for a school whose access was checked already. */
    List<Entry> ofSchool(long schoolId) {
        Map<Long, StaffMember> staff = roster.staff(schoolId).stream().collect(Collectors.toMap(StaffMember::id, Function.identity()));
        return throttle.failures(List.copyOf(staff.keySet()), DAYS).stream().map(f -> {
            StaffMember m = staff.get(f.staffId());
            return new Entry(m.id(), m.name(), m.email(), f.count(), f.whileSlowed(), f.last().atOffset(ZoneOffset.UTC));
        }).toList();
    }
}
