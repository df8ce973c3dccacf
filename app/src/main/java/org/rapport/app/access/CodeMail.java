package org.rapport.app.access;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.mail.Mailer;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.window.WindowAccess;
import org.rapport.app.window.WindowService;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Teacher and leader codes by e-mail, one personal message each, and reminders to those whose code
 * is unused. The codes are drawn fresh and dealt out at random. Which code went to whom is kept
 * (sealed) only while the code is unused and the window open, so that a reminder can carry the same
 * code: the pairing goes in the transaction that uses the code and in the one that closes the window,
 * is shown to nobody and never touches a response. The message's link carries the code after
 * {@code #}, which browsers never send to the server.
 */
@Service
public class CodeMail {
    private final CodeService codes;
    private final CodeRepository repository;
    private final CodeHasher hasher;
    private final CodeSeal seal;
    private final WindowAccess windows;
    private final Schools schools;
    private final Mailer mailer;
    private final MessageSource messages;
    private final org.rapport.app.web.PublicUrl publicUrl;
    private final SecureRandom random = new SecureRandom();

    CodeMail(CodeService codes, CodeRepository repository, CodeHasher hasher, CodeSeal seal, WindowAccess windows, Schools schools,
             Mailer mailer, MessageSource messages, org.rapport.app.web.PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
        this.codes = codes;
        this.repository = repository;
        this.hasher = hasher;
        this.seal = seal;
        this.windows = windows;
        this.schools = schools;
        this.mailer = mailer;
        this.messages = messages;
    }

    /** Mails each active teacher (or leader) of the window's school their own code; returns how many were sent. */
    @Transactional
    public int mail(StaffUser user, long windowId, RespondentRole role) {
        WindowAccess.Scope scope = windows.manage(user, windowId);
        requireMailable(role);
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
            CodeService.Slip slip = slips.get(i);
            repository.insertRecipient(hasher.hash(slip.code()), scope.window().id(), p.id(), seal.seal(slip.code()));
            send("mail.code", p, scope, slip.formatted());
        }
        return people.size();
    }

    /**
     * Reminds each person whose e-mailed code of this role is unused, with that same code (a draft they
     * started stays theirs); at most once a day. Returns how many were reminded.
     */
    @Transactional
    public int remind(StaffUser user, long windowId, RespondentRole role) {
        WindowAccess.Scope scope = windows.manage(user, windowId);
        requireMailable(role);
        if (!scope.window().isOpen()) {
            throw new ConflictException("window", "reminders go only while the window is open");
        }
        List<CodeRepository.Recipient> waiting = repository.unusedRecipients(windowId, role);
        LocalDate today = LocalDate.now();
        if (waiting.stream().anyMatch(r -> today.equals(r.remindedOn()))) {
            throw new ConflictException("role", "a reminder went to these " + role.name().toLowerCase(Locale.ROOT)
                    + "s today already; the next can go tomorrow");
        }
        Map<Long, StaffMember> staff = schools.staff(scope.window().schoolId()).stream().filter(StaffMember::active)
                .collect(Collectors.toMap(StaffMember::id, s -> s));
        int sent = 0;
        for (CodeRepository.Recipient r : waiting) {
            StaffMember p = staff.get(r.staffId());
            if (p != null) {
                send("mail.reminder", p, scope, AccessCode.format(seal.open(r.sealedCode())));
                repository.markReminded(r.codeHash(), today);
                sent++;
            }
        }
        return sent;
    }

    /** Who got which code is not kept past the window's close. */
    @EventListener
    void forgetRecipients(WindowService.Closed closed) {
        repository.deleteRecipients(closed.windowId());
    }

    private void requireMailable(RespondentRole role) {
        if (role.perClass()) {
            throw new InvalidInputException("role", "pupils and families get printed slips and letters; e-mail is for teacher and leader codes");
        }
        if (!mailer.configured()) {
            throw new InvalidInputException("role", "this server sends no e-mail (RAPPORT_SMTP_HOST): print the codes instead");
        }
    }

    private void send(String message, StaffMember p, WindowAccess.Scope scope, String code) {
        // in the language the person chose for Rapport, else English
        Locale language = org.rapport.app.language.Language.locale(p.language());
        mailer.send(p.email(), messages.getMessage(message + ".subject", new Object[] {scope.window().name(), scope.school().name()}, language),
                messages.getMessage(message + ".body", new Object[] {p.name(), scope.school().name(), code, publicUrl.base() + "/#code=" + code,
                        scope.window().name()}, language));
    }
}
