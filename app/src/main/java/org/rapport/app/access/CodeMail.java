package org.rapport.app.access;

import java.util.Random;
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
import org.rapport.app.web.TypedText;

/**
 * Teacher and leader codes by e-mail, one personal message each, and reminders to those whose code
 * is unused. The group's unused codes are dealt out at random (a person e-mailed before gets the same
 * code again; new codes only for seats without one), so printed teacher codes keep working too. Which code went to whom is kept
 * (sealed) only while the code is unused and the window open, so that a reminder can carry the same
 * code: the pairing goes in the transaction that uses the code and in the one that closes the window,
 * is shown to nobody and never touches a response. The message's link carries the code after
 * {@code #}, which browsers never send to the server.
 */
@Service
public class CodeMail {
    private final CodeService codes;
    private final java.time.Clock clock;
    private final CodeRepository repository;
    private final CodeHasher hasher;
    private final CodeSeal seal;
    private final WindowAccess windows;
    private final Schools schools;
    private final Mailer mailer;
    private final MessageSource messages;
    private final org.rapport.app.web.PublicUrl publicUrl;
    private final CodesInProgress inProgress;
    private final Random random;

    CodeMail(CodeService codes, CodeRepository repository, CodeHasher hasher, CodeSeal seal, WindowAccess windows, Schools schools,
             Mailer mailer, MessageSource messages, org.rapport.app.web.PublicUrl publicUrl, CodesInProgress inProgress,
             java.time.Clock clock, org.rapport.app.config.Randomness randomness) {
        this.clock = clock;
        this.random = randomness.random();
        this.publicUrl = publicUrl;
        this.inProgress = inProgress;
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
        // the group's unused codes, printed or e-mailed before, and new ones for anyone without one
        CodeService.Group group = codes.generate(scope.window(), role, null).groups().get(0);
        Map<String, CodeService.Slip> slips = new java.util.LinkedHashMap<>();
        group.slips().forEach(s -> slips.put(hex(hasher.hash(s.code())), s));
        // whoever was e-mailed a code that is still unused gets that same code again
        Map<Long, String> mailedBefore = new java.util.HashMap<>();
        Map<String, Long> holder = new java.util.HashMap<>();
        for (CodeRepository.Recipient r : repository.unusedRecipients(scope.window().id(), role)) {
            mailedBefore.put(r.staffId(), hex(r.codeHash()));
            holder.put(hex(r.codeHash()), r.staffId());
        }
        java.util.Set<Long> active = people.stream().map(StaffMember::id).collect(Collectors.toSet());
        // a code with a survey in progress goes to nobody else: whoever got it would see the answers saved with it
        java.util.Set<String> started = new java.util.HashSet<>();
        inProgress.withDrafts(group.slips().stream().map(s -> hasher.hash(s.code())).toList()).forEach(h -> started.add(hex(h)));
        long unknownHolders = started.stream().filter(h -> !holder.containsKey(h)).count();
        if (unknownHolders > 0) {
            // started from a printed slip: who holds it cannot be known, so the e-mails could not avoid it
            throw new ConflictException("role", new org.rapport.app.web.Text("codes.mail.started", unknownHolders));
        }
        List<String> free = new ArrayList<>(slips.keySet().stream()
                .filter(h -> !holder.containsKey(h) || !active.contains(holder.get(h)))
                .filter(h -> !started.contains(h)).toList());
        Collections.shuffle(free, random);
        // codes never e-mailed first; a code of someone who has left only when there is no other
        free.sort(java.util.Comparator.comparing(holder::containsKey));
        java.util.Iterator<String> next = free.iterator();
        Collections.shuffle(people, random);
        Map<StaffMember, String> dealt = new java.util.LinkedHashMap<>();
        for (StaffMember p : people) {
            String before = mailedBefore.get(p.id());
            String hash = before != null && slips.containsKey(before) ? before : next.hasNext() ? next.next() : null;
            if (hash == null) {
                // codes made before they were kept sealed cannot be shown: replacing them gives everyone one
                throw new ConflictException("role", new org.rapport.app.web.Text("codes.mail.unshown", group.unshown()));
            }
            dealt.put(p, hash);
        }
        for (Map.Entry<StaffMember, String> d : dealt.entrySet()) {
            CodeService.Slip slip = slips.get(d.getValue());
            repository.insertRecipient(hasher.hash(slip.code()), scope.window().id(), d.getKey().id(), seal.seal(slip.code()));
            send("mail.code", d.getKey(), scope, slip.formatted());
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
        LocalDate today = LocalDate.now(clock);
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

    /** Who got which code, and the sealed copies of unused codes, are not kept past the window's close. */
    @EventListener
    void forgetRecipients(WindowService.Closed closed) {
        repository.deleteRecipients(closed.windowId());
        repository.forgetSeals(closed.windowId());
    }

    private static String hex(byte[] hash) {
        return java.util.HexFormat.of().formatHex(hash);
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
        // the names kept to themselves in the sentences (a right-to-left name in a left-to-right sentence, or the other way)
        String window = TypedText.isolate(scope.window().name());
        String school = TypedText.isolate(scope.school().name());
        mailer.send(p.email(), messages.getMessage(message + ".subject", new Object[] {window, school}, language),
                messages.getMessage(message + ".body", new Object[] {TypedText.isolate(p.name()), school, code, publicUrl.base() + "/#code=" + code,
                        window}, language));
    }
}
