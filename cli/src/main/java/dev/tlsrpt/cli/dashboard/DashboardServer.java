package dev.tlsrpt.cli.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tlsrpt.archive.ArchiveKeys;
import dev.tlsrpt.archive.ArchivedReport;
import dev.tlsrpt.local.LoopbackServer;
import dev.tlsrpt.tlsrpt.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dashboard's web server: loopback only, with the operator's own credentials behind it, so it lets in
 * only what a page it served itself asks for. A request must name this server in {@code Host} (a page of
 * another site that rebinds its DNS name to 127.0.0.1 sends its own name) and carry the per-run token:
 * once in the URL the command prints, which sets a {@code SameSite=Strict} cookie (other sites' pages
 * cannot send it). Only GET and HEAD; nothing here changes anything.
 */
public final class DashboardServer implements AutoCloseable {
    static final String COOKIE = "tlsrpt_dashboard";
    private static final String WEBJAR_CHART = "/META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"/dashboard/index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"/dashboard/app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {"/dashboard/app.css", "text/css; charset=utf-8"},
            "/chart.umd.js", new String[] {WEBJAR_CHART, "text/javascript; charset=utf-8"});
    /** The most days the charts go back. */
    static final int MAX_DAYS = 90;

    private final DashboardData data;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String token;
    private final LocalDate today;
    private final LocalDate initialDay;

    /**
     * @param port       0 for a free one
     * @param today      the last day of the charts' window
     * @param initialDay the day shown first; null for the newest day with results
     */
    public DashboardServer(DashboardData data, int port, LocalDate today, LocalDate initialDay) throws IOException {
        this.data = data;
        this.today = today;
        this.initialDay = initialDay;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        this.server = LoopbackServer.http(port, 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What the operator opens: the token in it lets this browser in (and is removed from the address bar). */
    public String url() {
        return "http://127.0.0.1:" + port() + "/?token=" + token;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                answer(exchange);
            } catch (RuntimeException e) {
                // AWS or storage failures: not the browser's fault, and the page shows the message.
                json(exchange, 502, Json.MAPPER.createObjectNode().put("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        securityHeaders(exchange);
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            text(exchange, 405, "only GET and HEAD");
            return;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !(host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()))) {
            text(exchange, 421, "this server answers to 127.0.0.1:" + port() + " only");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/") && query.containsKey("token")) {
            if (!matches(query.get("token"))) {
                text(exchange, 403, "wrong token: open the URL `tlsrpt dashboard` printed");
                return;
            }
            exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
            exchange.getResponseHeaders().set("Location", "/");
            exchange.sendResponseHeaders(303, -1);
            return;
        }
        if (!matches(cookie(exchange))) {
            text(exchange, 403, "not signed in: open the URL `tlsrpt dashboard` printed");
            return;
        }
        route(exchange, path, query);
    }

    private void route(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        String[] resource = STATIC.get(path);
        if (resource != null) {
            try (InputStream in = DashboardServer.class.getResourceAsStream(resource[0])) {
                if (in == null) {
                    text(exchange, 404, "missing resource " + resource[0]);
                    return;
                }
                send(exchange, 200, resource[1], in.readAllBytes());
            }
            return;
        }
        switch (path) {
            case "/api/summary" -> {
                Optional<LocalDate> to = day(exchange, query, "to");
                Optional<Integer> days = to.isEmpty() ? Optional.empty() : days(exchange, query);
                if (days.isPresent()) {
                    json(exchange, 200, data.summary(to.get(), days.get()));
                }
            }
            case "/api/day" -> {
                Optional<LocalDate> day = day(exchange, query, "day");
                if (day.isPresent()) {
                    json(exchange, 200, data.day(day.get()));
                }
            }
            case "/api/latest" -> json(exchange, 200, Json.MAPPER.createObjectNode()
                    .put("day", (initialDay != null ? initialDay : data.latestDayWithResults(today, 30)).toString()).put("today", today.toString()));
            case "/api/suppressions" -> json(exchange, 200, data.suppressions());
            case "/archive" -> archived(exchange, query.get("key"));
            case "/report" -> report(exchange, query.get("key"));
            default -> text(exchange, 404, "no such page");
        }
    }

    private void archived(HttpExchange exchange, String key) throws IOException {
        Optional<byte[]> object = archivedObject(exchange, key);
        if (object.isEmpty()) {
            return;
        }
        if (key.endsWith(".json.gz")) {
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"report.json.gz\"");
            send(exchange, 200, "application/gzip", object.get());
        } else if (key.endsWith(".eml")) {
            // Shown as text, never rendered: the message is what was sent, not a page of this site.
            send(exchange, 200, "text/plain; charset=utf-8", object.get());
        } else {
            send(exchange, 200, "application/json", object.get());
        }
    }

    /** The report JSON inside an archived delivery. */
    private void report(HttpExchange exchange, String key) throws IOException {
        Optional<byte[]> object = archivedObject(exchange, key);
        if (object.isEmpty()) {
            return;
        }
        byte[] json;
        try {
            json = ArchivedReport.json(key, object.get());
        } catch (IllegalArgumentException e) {
            text(exchange, 422, "no report in " + key + ": " + e.getMessage());
            return;
        }
        send(exchange, 200, "application/json", json);
    }

    /** The object under an archive key; empty once the answer (400 or 404) has been sent. */
    private Optional<byte[]> archivedObject(HttpExchange exchange, String key) throws IOException {
        if (key == null || ArchiveKeys.parse(key).isEmpty()) {
            badRequest(exchange, "key", "not an archive key");
            return Optional.empty();
        }
        Optional<byte[]> object = data.archived(key);
        if (object.isEmpty()) {
            text(exchange, 404, "nothing archived under " + key);
        }
        return object;
    }

    private Optional<LocalDate> day(HttpExchange exchange, Map<String, String> query, String field) throws IOException {
        String value = query.get(field);
        if (value == null) {
            return Optional.of(today);
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            badRequest(exchange, field, "a day as YYYY-MM-DD");
            return Optional.empty();
        }
    }

    private Optional<Integer> days(HttpExchange exchange, Map<String, String> query) throws IOException {
        String value = query.getOrDefault("days", "30");
        try {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= MAX_DAYS) {
                return Optional.of(days);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        badRequest(exchange, "days", "a whole number from 1 to " + MAX_DAYS);
        return Optional.empty();
    }

    private boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static String cookie(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String[] nameValue = pair.strip().split("=", 2);
                if (nameValue.length == 2 && nameValue[0].equals(COOKIE)) {
                    return nameValue[1];
                }
            }
        }
        return null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            String[] nameValue = pair.split("=", 2);
            query.putIfAbsent(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    nameValue.length == 2 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }

    private static void securityHeaders(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
    }

    private static void badRequest(HttpExchange exchange, String field, String message) throws IOException {
        json(exchange, 400, Json.MAPPER.createObjectNode().put("error", field + ": " + message).put("field", field));
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
