package dev.polyboot.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/1.1 by hand over a socket: the JDK's HttpClient will not send a Host header of our choosing, and the security
 * tests need exactly the headers a rebinding page or another site would send.
 */
final class RawHttp {
    record Response(int status, String body) {}

    private RawHttp() {}

    static Response send(int port, String method, String pathAndQuery, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n");
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Host", "127.0.0.1:" + port);
            h.putAll(headers);
            h.put("Connection", "close");
            if (body != null) h.put("Content-Length", Integer.toString(body.length));
            h.forEach((k, v) -> {
                if (v != null) req.append(k).append(": ").append(v).append("\r\n");
            });
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyAt = text.indexOf("\r\n\r\n");
            return new Response(status, bodyAt < 0 ? "" : text.substring(bodyAt + 4));
        }
    }

    static Response get(int port, String pathAndQuery, Map<String, String> headers) throws IOException {
        return send(port, "GET", pathAndQuery, headers, null);
    }
}
