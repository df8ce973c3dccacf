package org.rapport.app.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The reverse proxies (load balancers) whose X-Forwarded-For and X-Forwarded-Proto headers Rapport
 * believes: exactly the addresses in {@code rapport.trusted-proxies} (RAPPORT_TRUSTED_PROXIES, a
 * comma-separated list of IP addresses), none by default. From any other client those headers are
 * ignored: the client's address is its connection's, so a pupil on the school network cannot pass
 * for another address to get round the limits on guessing codes or passwords. (Tomcat on its own
 * trusts every private and loopback address.) X-Forwarded-Host is never used: links are built from
 * the configured public address.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    private final List<String> addresses;

    TrustedProxies(@Value("${rapport.trusted-proxies:}") String list) {
        this.addresses = parse(list);
    }

    /** The addresses of the list, each checked to be a literal IP address (no host names: they would be looked up). */
    static List<String> parse(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(TrustedProxies::literal).toList();
    }

    private static String literal(String address) {
        if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new IllegalStateException("rapport.trusted-proxies (RAPPORT_TRUSTED_PROXIES) takes IP addresses, comma-separated; '"
                    + address + "' is not one");
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("rapport.trusted-proxies (RAPPORT_TRUSTED_PROXIES): '" + address + "' is not an IP address");
        }
    }

    /** Exactly these addresses, as Tomcat writes them; a pattern that matches nothing for none. */
    static String pattern(List<String> addresses) {
        if (addresses.isEmpty()) {
            return "(?!)";
        }
        return addresses.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.getEngineValves().stream().filter(RemoteIpValve.class::isInstance).map(RemoteIpValve.class::cast).forEach(valve -> {
            valve.setInternalProxies(pattern(addresses));
            valve.setTrustedProxies(null);
            valve.setHostHeader(null);
            valve.setPortHeader(null);
        });
    }

    /** After Spring Boot's own customizer, which adds the valve. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
