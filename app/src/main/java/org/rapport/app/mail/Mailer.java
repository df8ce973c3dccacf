package org.rapport.app.mail;

import java.util.Properties;
import org.rapport.app.config.RapportProperties;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Plain-text mail through the SMTP server in {@link RapportProperties.Smtp}. Without one,
 * {@link #configured()} is false and callers show the link to pass on instead.
 */
@Component
public class Mailer {
    private final RapportProperties.Smtp smtp;
    private final JavaMailSenderImpl sender;

    public Mailer(RapportProperties properties) {
        this.smtp = properties.smtp();
        this.sender = new JavaMailSenderImpl();
        if (smtp.configured()) {
            sender.setHost(smtp.host());
            sender.setPort(smtp.port() == null ? 587 : smtp.port());
            if (smtp.user() != null && !smtp.user().isBlank()) {
                sender.setUsername(smtp.user());
                sender.setPassword(smtp.password());
            }
            Properties p = sender.getJavaMailProperties();
            p.put("mail.smtp.auth", Boolean.toString(smtp.user() != null && !smtp.user().isBlank()));
            p.put("mail.smtp.starttls.enable", Boolean.toString(!Boolean.FALSE.equals(smtp.starttls())));
            p.put("mail.smtp.connectiontimeout", "10000");
            p.put("mail.smtp.timeout", "10000");
            p.put("mail.smtp.writetimeout", "10000");
        }
    }

    public boolean configured() {
        return smtp.configured();
    }

    /** Sends one message; fails (and so rolls back the caller's transaction) if the server refuses it. */
    public void send(String to, String subject, String text) {
        if (!configured()) {
            throw new IllegalStateException("no SMTP server is configured (RAPPORT_SMTP_HOST)");
        }
        SimpleMailMessage m = new SimpleMailMessage();
        m.setFrom(smtp.from());
        m.setTo(to);
        m.setSubject(subject);
        m.setText(text);
        sender.send(m);
    }
}
