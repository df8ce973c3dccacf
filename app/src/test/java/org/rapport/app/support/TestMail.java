package org.rapport.app.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GreenMail, a real SMTP server, started once per test JVM; tests read the messages that arrived for an address. */
public final class TestMail {
    private static GreenMail server;

    private TestMail() {
    }

    public static synchronized GreenMail server() {
        if (server == null) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return server;
    }

    /** The messages that arrived for {@code address}, oldest first. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The messages for {@code address} once there are at least {@code n}, oldest first (fails after ten seconds). */
    public static List<MimeMessage> await(String address, int n) throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (to(address).size() < n && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        List<MimeMessage> arrived = to(address);
        if (arrived.size() < n) {
            throw new AssertionError("mail for " + address + ": " + arrived.size() + " messages after ten seconds, not " + n);
        }
        return arrived;
    }

    /** The body of the newest message for {@code address}. */
    public static String lastBody(String address) {
        List<MimeMessage> messages = to(address);
        if (messages.isEmpty()) {
            throw new AssertionError("no mail for " + address);
        }
        MimeMessage last = messages.get(messages.size() - 1);
        try {
            // a plain text part, its transfer encoding (quoted-printable where a name has characters outside ASCII) undone
            if (last.getContent() instanceof String text) {
                return text;
            }
            return com.icegreen.greenmail.util.GreenMailUtil.getBody(last).replace("=\r\n", "").replace("=3D", "=");
        } catch (java.io.IOException | jakarta.mail.MessagingException | RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in the newest message for {@code address}. */
    public static String lastLink(String address) {
        Matcher m = Pattern.compile("https?://\\S+").matcher(lastBody(address));
        if (!m.find()) {
            throw new AssertionError("no link in the mail for " + address + ": " + lastBody(address));
        }
        return m.group();
    }
}
