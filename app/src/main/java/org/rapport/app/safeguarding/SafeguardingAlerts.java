package org.rapport.app.safeguarding;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.rapport.app.mail.Mailer;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.web.PublicUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.rapport.app.web.TypedText;

/**
 * The e-mails of safeguarding (docs/SAFEGUARDING.md). Each new concern is mailed to the school's leads
 * once its submission has committed, from a thread of its own, so that neither the mail server's delay
 * nor its failure reaches the respondent. Every minute, by one instance at a time (an advisory lock, as
 * the retention job), concerns left unreviewed past the school's escalation time are marked escalated
 * and mailed to the school's admins, and any mail that failed is sent again. A concern that arrived while the
 * school had no lead is escalated as it arrives, and its admins are mailed at once. A mail holds a link and a
 * count, never a comment's words. Without SMTP nothing is mailed, and the overview still shows the
 * counts and the escalation.
 */
@Component
class SafeguardingAlerts {
    private static final Logger log = LoggerFactory.getLogger(SafeguardingAlerts.class);
    private final SafeguardingRepository repository;
    private final Safeguarding safeguarding;
    private final Schools schools;
    private final Mailer mailer;
    private final MessageSource messages;
    private final PublicUrl publicUrl;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "safeguarding-mail");
        t.setDaemon(true);
        return t;
    });

    SafeguardingAlerts(SafeguardingRepository repository, Safeguarding safeguarding, Schools schools, Mailer mailer, MessageSource messages,
                       PublicUrl publicUrl, PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.safeguarding = safeguarding;
        this.schools = schools;
        this.mailer = mailer;
        this.messages = messages;
        this.publicUrl = publicUrl;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Once the submission that stored new concerns has committed: their leads are mailed, off the respondent's request. */
    @TransactionalEventListener(fallbackExecution = true)
    void arrived(Safeguarding.ConcernsArrived event) {
        try {
            sender.execute(this::mailLeadsNow);
        } catch (RuntimeException e) {
            // the answers are stored; the job mails the leads within a minute
            log.warn("could not start the safeguarding mail for school {}: {}", event.schoolId(), e.toString());
        }
    }

    private void mailLeadsNow() {
        try {
            // the admins too: a concern that arrived while the school had no lead is escalated already
            transactions.executeWithoutResult(s -> {
                mail(false);
                mail(true);
            });
        } catch (RuntimeException e) {
            log.warn("safeguarding mail to leads failed, the job tries again within a minute: {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${rapport.safeguarding-alert-interval:PT1M}", initialDelayString = "${rapport.safeguarding-alert-interval:PT1M}")
    void job() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("the safeguarding alert job failed, it runs again in a minute: {}", e.toString());
        }
    }

    /**
     * Escalates the concerns whose time is up and sends every mail still owed, leads first. One instance
     * at a time: false (and nothing done) while another holds the job's lock.
     */
    boolean run() {
        Boolean ran = transactions.execute(s -> {
            if (!repository.tryAlertLock()) {
                return false;
            }
            int escalated = repository.escalateDue(clock.instant(), LocalDate.now(clock));
            if (escalated > 0) {
                log.info("{} safeguarding concern(s) waited unreviewed past their school's escalation time: the school's admins are alerted",
                        escalated);
            }
            mail(false);
            mail(true);
            return true;
        });
        return Boolean.TRUE.equals(ran);
    }

    /**
     * Mails what is owed for the concerns this transaction can claim (another that is mailing them holds
     * their rows), one message per recipient and school. A school's concerns count as mailed once one of
     * its recipients got the message (a recipient whose address is refused is logged, and does not make
     * the others get it again every minute); a school none of whose mail went stays owed and is tried
     * again at the next run.
     */
    private void mail(boolean admins) {
        if (!mailer.configured()) {
            return;
        }
        Map<Long, List<Long>> bySchool = new TreeMap<>();
        java.util.Set<Long> withoutLead = new java.util.HashSet<>();
        for (SafeguardingRepository.Pending p : repository.claimUnmailed(admins)) {
            bySchool.computeIfAbsent(p.schoolId(), k -> new ArrayList<>()).add(p.id());
            if (p.withoutLead()) {
                withoutLead.add(p.schoolId());
            }
        }
        for (Map.Entry<Long, List<Long>> e : bySchool.entrySet()) {
            long schoolId = e.getKey();
            List<StaffMember> to = admins ? safeguarding.escalationRecipients(schoolId) : safeguarding.leadsOf(schoolId);
            if (to.isEmpty()) {
                // no lead: the concern was escalated to the admins as it arrived, and goes to the lead once one is named
                continue;
            }
            int sent = 0;
            for (StaffMember member : to) {
                try {
                    send(member, schoolId, e.getValue().size(), admins, admins && withoutLead.contains(schoolId));
                    sent++;
                } catch (RuntimeException failed) {
                    log.warn("safeguarding mail to staff member {} ({} of school {}) failed: {}", member.id(), admins ? "an admin" : "a lead",
                            schoolId, failed.toString());
                }
            }
            if (sent > 0) {
                repository.markMailed(e.getValue(), admins);
            } else {
                log.warn("no safeguarding mail reached the {} of school {}: tried again at the next run", admins ? "admins" : "leads", schoolId);
            }
        }
    }

    /** {@code noLead}: among the concerns are some that arrived while the school had no lead, escalated at once. */
    private void send(StaffMember member, long schoolId, int count, boolean admins, boolean noLead) {
        String school = schools.find(schoolId).map(School::name).orElse("");
        Locale language = member.language() == null ? Locale.ENGLISH : Locale.forLanguageTag(member.language() + "-u-nu-latn");
        String kind = noLead ? "mail.concernNoLead" : admins ? "mail.concernEscalated" : "mail.concern";
        String link = publicUrl.base() + (admins ? "/staff/schools/" + schoolId + "/safeguarding" : "/staff/safeguarding");
        // the names kept to themselves in the sentences (a right-to-left name in a left-to-right sentence, or the other way)
        Object[] args = {TypedText.isolate(member.name()), TypedText.isolate(school), link, count, safeguarding.escalationHours(schoolId)};
        mailer.send(member.email(), messages.getMessage(kind + ".subject", args, language), messages.getMessage(kind + ".body", args, language));
    }

    @PreDestroy
    void stop() {
        sender.shutdown();
    }
}
