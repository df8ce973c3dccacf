package org.rapport.app.access;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.mail.Mailer;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.window.WindowAccess;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Teacher and leader codes by e-mail, one personal message each. The codes are drawn fresh and
 * dealt out at random; which code went to whom is never stored, so it cannot be linked to an answer.
 * The message's link carries the code after {@code #}, which browsers never send to the server.
 */
@Service
public class CodeMail {
    private final CodeService codes;
    private final CodeRepository repository;
    private final WindowAccess windows;
    private final Schools schools;
    private final Mailer mailer;
    private final MessageSource messages;
    private final SecureRandom random = new SecureRandom();

    CodeMail(CodeService codes, CodeRepository repository, WindowAccess windows, Schools schools, Mailer mailer, MessageSource messages) {
        this.codes = codes;
        this.repository = repository;
        this.windows = windows;
        this.schools = schools;
        this.mailer = mailer;
        this.messages = messages;
    }

    /** Mails each active teacher (or leader) of the window's school their own code; returns how many were sent. */
    @Transactional
    public int mail(StaffUser user, long windowId, RespondentRole role, String baseUrl) {
        WindowAccess.Scope scope = windows.manage(user, windowId);
        if (role.perClass()) {
            throw new InvalidInputException("role", "pupils and families get printed slips and letters; e-mail is for teacher and leader codes");
        }
        if (!mailer.configured()) {
            throw new InvalidInputException("role", "this server sends no e-mail (RAPPORT_SMTP_HOST): print the codes instead");
        }
        if (repository.countUsed(scope.window().id(), role, null) > 0) {
            // new codes would be fewer than the people, and nobody can tell who has answered
            throw new ConflictException("role", "some " + role.name().toLowerCase(Locale.ROOT)
                    + " codes of this window are used already: hand out the printed codes instead");
        }
        List<StaffMember> people = new ArrayList<>(schools.staff(scope.window().schoolId()).stream().filter(StaffMember::active)
                .filter(s -> role == RespondentRole.LEADER ? s.leader() : !s.leader()).toList());
        List<CodeService.Slip> slips = codes.generate(scope.window(), role, null).groups().get(0).slips();
        Collections.shuffle(people, random);
        for (int i = 0; i < people.size(); i++) {
            StaffMember p = people.get(i);
            String code = slips.get(i).formatted();
            mailer.send(p.email(), messages.getMessage("mail.code.subject", new Object[] {scope.window().name(), scope.school().name()}, Locale.ENGLISH),
                    messages.getMessage("mail.code.body", new Object[] {p.name(), scope.school().name(), code, baseUrl + "/#code=" + code,
                            scope.window().name()}, Locale.ENGLISH));
        }
        return people.size();
    }
}
