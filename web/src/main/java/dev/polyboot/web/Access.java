package dev.polyboot.web;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Who may talk to the server. The server listens on 127.0.0.1 only, but every page the browser has open can send
 * requests to 127.0.0.1, and a DNS-rebinding page can even read the answers under its own host name. So:
 * <ul>
 * <li>{@code Host} must name this server (127.0.0.1 or localhost with its port), else 403: a rebound name fails here;</li>
 * <li>an {@code Origin} header, when the browser sends one, must be this server's, else 403: another site's form or
 * fetch fails here;</li>
 * <li>every {@code /api/} call carries the one-time token printed with the URL (header {@value #HEADER} or, for
 * {@code EventSource}, which cannot set headers, the query parameter {@code token}), else 401.</li>
 * </ul>
 * Static files need no token: they hold no data, and the page reads the token from its own address.
 */
final class Access {
    static final String HEADER = "X-Polyboot-Token";
    private final String token;
    private final Set<String> hosts;
    private final Set<String> origins;

    Access(String token, int port) {
        this.token = token;
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
    }

    /** 32 random bytes, URL-safe: new for every start of the server. */
    static String newToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    String token() {
        return token;
    }

    /** Null when the request may go on, else the refusal (status and one-line message). */
    Http.Error check(HttpExchange ex, boolean api) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return new Http.Error(403, "refused: Host '" + host + "' is not this server (only 127.0.0.1 and localhost)",
                    "open the address polyboot web printed");
        }
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origins.contains(origin.toLowerCase(Locale.ROOT))) {
            return new Http.Error(403, "refused: request from another site (Origin " + origin + ")",
                    "only polyboot's own page may call its API");
        }
        if (!api) return null;
        String given = ex.getRequestHeaders().getFirst(HEADER);
        if (given == null) given = Http.query(ex).get("token");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return new Http.Error(401, given == null ? "no token: every API call needs the token printed with the address"
                    : "wrong token", "open the whole address polyboot web printed, including ?token=...");
        }
        return null;
    }
}
