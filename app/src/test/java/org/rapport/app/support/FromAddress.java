package org.rapport.app.support;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP/1.1 exchange from a chosen address of the loopback range (127.0.0.x), as a client behind that address makes it; headers by lower-case name. */
public record FromAddress(int status, String body, Map<String, String> headers) {

    /** A chunked body as one (its sizes are counted in bytes: the body is read back as UTF-8 bytes). */
    private static String dechunk(String chunked) {
        byte[] in = chunked.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < in.length) {
            int eol = at;
            while (eol + 1 < in.length && !(in[eol] == '\r' && in[eol + 1] == '\n')) {
                eol++;
            }
            int size = Integer.parseInt(new String(in, at, eol - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(in, eol + 2, size);
            at = eol + 2 + size + 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static FromAddress send(int port, String from, String method, String path, Map<String, String> headers, String body)
            throws Exception {
        StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        b.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            OutputStream out = s.getOutputStream();
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String rest = split < 0 ? "" : text.substring(split + 4);
            Map<String, String> answered = new java.util.LinkedHashMap<>();
            head.lines().skip(1).filter(l -> l.indexOf(':') > 0).forEach(l -> answered.put(
                    l.substring(0, l.indexOf(':')).strip().toLowerCase(java.util.Locale.ROOT), l.substring(l.indexOf(':') + 1).strip()));
            return new FromAddress(Integer.parseInt(text.substring(9, 12)),
                    "chunked".equalsIgnoreCase(answered.get("transfer-encoding")) ? dechunk(rest) : rest, answered);
        }
    }
}
