package org.rapport.app.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One browser for the load drivers: an HTTP/1.1 connection kept alive (opened again when the server closes it) and a
 * cookie jar, with nothing else. The JDK's client cost more CPU than the server on two cores (docs/PERFORMANCE.md);
 * this one costs little, so that the machine's cores go to Rapport and PostgreSQL.
 */
final class Browser implements AutoCloseable {
    /** A response: its status, its Location (or null) and its body as text. */
    record Page(int status, String location, String body) {
    }

    private final String host;
    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Browser(int port) {
        this.host = "127.0.0.1";
        this.port = port;
    }

    /** A new visitor on the same connection: no cookies. */
    void forget() {
        cookies.clear();
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    Page get(String path) throws IOException {
        return send("GET", path, null);
    }

    /** A form posted as a browser posts it (application/x-www-form-urlencoded, in the map's order). */
    Page post(String path, Map<String, String> form) throws IOException {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return send("POST", path, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Page send(String method, String path, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(120_000);
            in = new BufferedInputStream(socket.getInputStream(), 16384);
            out = socket.getOutputStream();
        }
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\nAccept-Language: en\r\n");
        if (!cookies.isEmpty()) {
            head.append("Cookie: ");
            boolean first = true;
            for (Map.Entry<String, String> c : cookies.entrySet()) {
                head.append(first ? "" : "; ").append(c.getKey()).append('=').append(c.getValue());
                first = false;
            }
            head.append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Page read() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("the server closed the connection");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closing = false;
        String location = null;
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closing = value.equalsIgnoreCase("close");
                case "location" -> location = value;
                case "set-cookie" -> setCookie(value);
                default -> {
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else {
            body.write(in.readAllBytes());
            closing = true;
        }
        if (closing) {
            close();
        }
        return new Page(code, location, body.toString(StandardCharsets.UTF_8));
    }

    private void setCookie(String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        boolean gone = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.equals("max-age=0") || p.startsWith("expires=thu, 01 jan 1970")) {
                gone = true;
            }
        }
        if (gone) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
