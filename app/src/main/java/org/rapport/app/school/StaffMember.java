package org.rapport.app.school;

public record StaffMember(long id, Long schoolId, String ref, String email, String name, String role, boolean leader,
                          boolean active, boolean canLogIn, String language) {
}
