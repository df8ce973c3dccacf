package org.rapport.app.web;

/**
 * RFC 9457 problem details written by hand, for the places that answer before Spring MVC does
 * (security entry points, the body-size filter, Tomcat's error valve).
 */
public final class ProblemJson {
    private ProblemJson() {
    }

    /** The body; {@code field} null leaves out {@code errors}. */
    public static String of(int status, String title, String detail, String field, String message) {
        StringBuilder sb = new StringBuilder("{\"type\":\"about:blank\",\"title\":\"").append(escape(title))
                .append("\",\"status\":").append(status).append(",\"detail\":\"").append(escape(detail)).append('"');
        if (field != null) {
            sb.append(",\"errors\":[{\"field\":\"").append(escape(field)).append("\",\"message\":\"").append(escape(message))
                    .append("\"}]");
        }
        return sb.append('}').toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
