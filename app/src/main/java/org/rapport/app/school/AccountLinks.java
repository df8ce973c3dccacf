package org.rapport.app.school;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rapport.app.mail.Mailer;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ConflictException;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.web.PublicUrl;
import org.rapport.app.web.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.rapport.app.web.TypedText;

/**
 * Single-use links instead of passwords typed by someone else: the setup link printed at the first
 * start, invitations to choose a password (a week), and password resets (an hour). Mailed when an
 * SMTP server is set; otherwise shown to the admin who asked, to pass on. Only hashes are stored.
 */
@Service
public class AccountLinks {
    static final Duration INVITATION = Duration.ofDays(7);
    static final Duration RESET = Duration.ofHours(1);
    /** At most one reset mail per person in this time, however often the form is sent: nobody can flood a mailbox with it. */
    static final Duration RESET_PAUSE = Duration.ofMinutes(5);
    private final AccountTokens tokens;
    private final java.time.Clock clock;
    private final RosterRepository roster;
    private final SchoolRepository schools;
    private final SchoolAccess access;
    private final Onboarding onboarding;
    private final StaffPasswords passwords;
    private final Mailer mailer;
    private final MessageSource messages;
    private final PublicUrl publicUrl;
    private final SecureRandom random = new SecureRandom();
    private final org.springframework.beans.factory.ObjectProvider<PrivateResults> privateResults;

    AccountLinks(AccountTokens tokens, RosterRepository roster, SchoolRepository schools, SchoolAccess access, Onboarding onboarding,
                 StaffPasswords passwords, Mailer mailer, MessageSource messages, PublicUrl publicUrl,
                 org.springframework.beans.factory.ObjectProvider<PrivateResults> privateResults, java.time.Clock clock) {
        this.clock = clock;
        this.privateResults = privateResults;
        this.publicUrl = publicUrl;
        this.tokens = tokens;
        this.roster = roster;
        this.schools = schools;
        this.access = access;
        this.onboarding = onboarding;
        this.passwords = passwords;
        this.mailer = mailer;
        this.messages = messages;
    }

    /** A fresh setup link's token (earlier ones stop working), for the console of a server with no network yet. */
    @Transactional
    public String newSetupToken() {
        tokens.revoke(AccountTokens.Purpose.SETUP, null);
        String token = token();
        tokens.add(hash(token), AccountTokens.Purpose.SETUP, null, null, false);
        return token;
    }

    public boolean validSetup(String token) {
        return find(token).filter(f -> f.purpose() == AccountTokens.Purpose.SETUP).isPresent();
    }

    /** What the setup page asks: the network (or the one school) and its first administrator with their password. */
    public record Setup(String network, String school, String name, String email, String password) {
    }

    /** Creates the network (and its school, for a school on its own) and its first admin; the link is then used up. */
    @Transactional
    public Onboarding.Started setUp(String token, Setup form) {
        if (!validSetup(token) || !tokens.consume(hash(token))) {
            throw new NotFoundException("this setup link is not valid: it may have been used already. Restart Rapport on an empty database for a new one");
        }
        String networkName = form.network() == null || form.network().isBlank() ? form.school() : form.network();
        Onboarding.Started started = onboarding.createNetwork(networkName, new Onboarding.NewAccount(form.name(), form.email()));
        if (form.school() != null && !form.school().isBlank()) {
            onboarding.addSchoolOnItsOwn(started.networkId(), form.school(), started.admin());
            started = new Onboarding.Started(started.networkId(), roster.findStaff(started.admin().id()).orElseThrow());
        }
        passwords.set(started.admin(), form.password());
        return started;
    }

    /** An invitation sent, or (without SMTP) its link to pass on. */
    public record Invitation(long staffId, String name, String email, String link) {
    }

    /**
     * Invites one member of staff of a school the admin manages to choose their password (a new link
     * replaces any earlier one). Only an account without a password can be invited: a link for an
     * account someone already uses would let whoever holds it take the account over (409). A person
     * who forgot their password asks for a reset link, which goes only to their own mailbox.
     */
    @Transactional
    public Invitation invite(StaffUser admin, long staffId) {
        StaffMember member = roster.findStaff(staffId).orElseThrow(() -> new NotFoundException("staff member", staffId));
        if (member.schoolId() == null) {
            if (!admin.isNetworkAdmin() || roster.networkOf(member.id()) != admin.networkId()) {
                throw new AccessDeniedException("network admins of the network only");
            }
        } else {
            access.manage(admin, member.schoolId());
        }
        if (member.canLogIn()) {
            throw new ConflictException("staff", "this person already has a password: only they can change it, with \"Forgot your password?\" "
                    + "on the sign-in page, which mails a link to their own address");
        }
        if (!member.active()) {
            throw new ConflictException("staff", "this person is no longer on the school's staff list");
        }
        if (linkWithheld(member)) {
            throw new ConflictException("staff", member.name() + " holds results private to them (pupils have answered about them), and this "
                    + "server sends no e-mail: their invitation goes only to their own mailbox, never through an admin. Ask whoever runs "
                    + "Rapport to set up e-mail (RAPPORT_SMTP_HOST) or single sign-on, then invite them again");
        }
        return send(member, AccountTokens.Purpose.INVITE, INVITATION);
    }

    /**
     * Whether an invitation link must not be shown to the admin: this server sends no e-mail (so the admin would be
     * handed the link) and the account holds results private to its person, which whoever follows the link would read.
     */
    private boolean linkWithheld(StaffMember member) {
        return !mailer.configured() && holdsPrivateResults(member);
    }

    /** Whether the account holds anything private to its person (fails closed: with nothing to ask, it does). */
    private boolean holdsPrivateResults(StaffMember member) {
        return PrivateResults.heldBy(privateResults, roster.networkOf(member.id()), member.id());
    }

    /** Invites everyone of the school's active staff who has no password yet. */
    @Transactional
    public List<Invitation> inviteAllWithoutAccount(StaffUser admin, long schoolId) {
        School school = access.manage(admin, schoolId);
        List<Invitation> out = new ArrayList<>();
        for (StaffMember m : roster.staff(school.id())) {
            // without e-mail, no admin is handed the link of an account holding private results (its own invitation says why)
            if (m.active() && !m.canLogIn() && !linkWithheld(m)) {
                out.add(send(m, AccountTokens.Purpose.INVITE, INVITATION));
            }
        }
        return out;
    }

    /**
     * A reset link by e-mail to whoever asks for an address; the answer is the same whether or not an
     * account has it, so the form tells nobody who has an account. Needs SMTP.
     */
    @Transactional
    public void requestReset(String email) {
        if (!mailer.configured()) {
            throw new InvalidInputException("email", "this server sends no e-mail, so it cannot send a reset link: ask whoever runs Rapport for your school to set up e-mail");
        }
        String clean = email == null ? "" : email.strip();
        if (!RosterCsv.isEmail(clean)) {
            throw new InvalidInputException("email", "'" + clean + "' is not an e-mail address");
        }
        roster.findByEmail(clean).filter(StaffMember::active)
                .filter(m -> !tokens.issuedWithin(AccountTokens.Purpose.RESET, m.id(), RESET_PAUSE.toSeconds()))
                .ifPresent(m -> send(m, AccountTokens.Purpose.RESET, RESET));
    }

    /**
     * The person a password link is for, if it is valid. A link an admin was handed to pass on (the server sent no
     * e-mail) is valid no longer once its account holds results private to its person: pupils may have answered about
     * them since it was made, and whoever was handed it would read them.
     */
    public Optional<StaffMember> passwordLink(String token) {
        return find(token).filter(f -> f.purpose() != AccountTokens.Purpose.SETUP)
                .flatMap(f -> roster.findStaff(f.staffId()).filter(StaffMember::active).filter(m -> !(f.handed() && holdsPrivateResults(m))));
    }

    /** Sets the password of the link's person and uses the link up; a bad password leaves the link as it was. */
    @Transactional
    public StaffMember choosePassword(String token, String password) {
        StaffMember member = passwordLink(token).orElseThrow(() -> new NotFoundException(
                "this link is not valid: it may have expired or been used already, or it was handed on by an administrator and "
                        + "pupils have answered about you since. Ask for a new one (by e-mail, or through single sign-on)"));
        passwords.set(member, password);
        if (!tokens.consume(hash(token))) {
            throw new NotFoundException("this link has just been used");
        }
        tokens.revoke(AccountTokens.Purpose.RESET, member.id());
        tokens.revoke(AccountTokens.Purpose.INVITE, member.id());
        return member;
    }

    public boolean mails() {
        return mailer.configured();
    }

    private Invitation send(StaffMember member, AccountTokens.Purpose purpose, Duration valid) {
        tokens.revoke(purpose, member.id());
        String token = token();
        tokens.add(hash(token), purpose, member.id(), clock.instant().plus(valid), !mailer.configured());
        String link = publicUrl.base() + "/account/password?token=" + token;
        if (!mailer.configured()) {
            return new Invitation(member.id(), member.name(), member.email(), link);
        }
        String where = member.schoolId() == null ? schools.networkName(roster.networkOf(member.id()))
                : schools.find(member.schoolId()).map(School::name).orElse("");
        String kind = purpose == AccountTokens.Purpose.INVITE ? "invite" : "reset";
        Locale language = member.language() == null ? Locale.ENGLISH : Locale.forLanguageTag(member.language() + "-u-nu-latn");
        // the names kept to themselves in the sentences (a right-to-left name in a left-to-right sentence, or the other way)
        String place = TypedText.isolate(where);
        mailer.send(member.email(), messages.getMessage("mail." + kind + ".subject", new Object[] {place}, language),
                messages.getMessage("mail." + kind + ".body", new Object[] {TypedText.isolate(member.name()), place, link,
                        purpose == AccountTokens.Purpose.INVITE ? 7 : 60}, language));
        return new Invitation(member.id(), member.name(), member.email(), null);
    }

    private Optional<AccountTokens.Found> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return tokens.find(hash(token));
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
