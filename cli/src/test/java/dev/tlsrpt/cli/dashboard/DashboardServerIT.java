package dev.tlsrpt.cli.dashboard;

import static dev.tlsrpt.testing.TlsrptFixtures.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.suppression.InMemorySuppressionList;
import dev.tlsrpt.testing.InMemoryLedger;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the dashboard's server lets in, over real loopback HTTP (raw requests: a browser cannot forge Host). */
class DashboardServerIT {
    private DashboardServer server;
    private String cookie;

    @BeforeEach
    void started() throws IOException {
        DashboardData data = new DashboardData(new DayOfResults(WorkerFixtures.mixedDay()), new InMemoryLedger(),
                new InMemorySuppressionList(), new InMemoryArchive(), 5000, TlsrptFixtures.CLOCK);
        server = new DashboardServer(data, 0, DAY, DAY);
        String signIn = request("GET", URI.create(server.url()).getRawPath() + "?" + URI.create(server.url()).getRawQuery(), host(), null);
        assertThat(signIn).startsWith("HTTP/1.1 303").containsIgnoringCase("Location: /")
                .containsPattern("(?i)Set-Cookie: tlsrpt_dashboard=[^;]+; Path=/; HttpOnly; SameSite=Strict");
        cookie = signIn.replaceAll("(?is).*Set-Cookie: (tlsrpt_dashboard=[^;]+);.*", "$1");
    }

    @AfterEach
    void stopped() {
        server.close();
    }

    private String host() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void server_shouldListenOnLoopbackOnly() {
        assertThat(server.url()).startsWith("http://127.0.0.1:");
        assertThat(server.url()).containsPattern("token=[A-Za-z0-9_-]{43}$");
    }

    @Test
    void signedIn_shouldGetTheDaysNumbers() throws IOException {
        String day = request("GET", "/api/day?day=2026-11-28", host(), cookie);

        assertThat(day).startsWith("HTTP/1.1 200").contains("\"successful\":329").contains("\"failed\":17")
                .containsIgnoringCase("Content-Security-Policy: default-src 'none'").containsIgnoringCase("X-Frame-Options: DENY");
    }

    @Test
    void withoutTheCookie_orWithAWrongToken_shouldBeRefused() throws IOException {
        assertThat(request("GET", "/api/day", host(), null)).startsWith("HTTP/1.1 403");
        assertThat(request("GET", "/api/day", host(), "tlsrpt_dashboard=guess")).startsWith("HTTP/1.1 403");
        assertThat(request("GET", "/?token=guess", host(), null)).startsWith("HTTP/1.1 403").doesNotContainIgnoringCase("Set-Cookie");
    }

    @Test
    void anotherHost_shouldBeRefused_evenWithTheCookie() throws IOException {
        // DNS rebinding: a page of attacker.example whose name now points at 127.0.0.1 sends its own Host.
        assertThat(request("GET", "/api/day", "attacker.example:" + server.port(), cookie)).startsWith("HTTP/1.1 421");
        assertThat(request("GET", "/api/day", null, cookie)).startsWith("HTTP/1.1 421");
    }

    @Test
    void anythingButGet_shouldBeRefused() throws IOException {
        assertThat(request("POST", "/api/day", host(), cookie)).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: GET, HEAD");
    }

    @Test
    void badParameters_shouldBe400NamingTheField() throws IOException {
        assertThat(request("GET", "/api/day?day=2026-11-31", host(), cookie)).startsWith("HTTP/1.1 400").contains("\"field\":\"day\"");
        assertThat(request("GET", "/api/summary?days=0", host(), cookie)).startsWith("HTTP/1.1 400").contains("\"field\":\"days\"");
        assertThat(request("GET", "/archive?key=..%2F..%2Fetc%2Fpasswd", host(), cookie)).startsWith("HTTP/1.1 400").contains("\"field\":\"key\"");
        assertThat(request("GET", "/archive?key=reports%2F2026-11-28%2Frcpt%2Fexample.com%2Freport.json", host(), cookie))
                .startsWith("HTTP/1.1 404");
        assertThat(request("GET", "/report?key=..%2Fx.eml", host(), cookie)).startsWith("HTTP/1.1 400").contains("\"field\":\"key\"");
        assertThat(request("GET", "/report?key=reports%2F2026-11-28%2Frcpt%2Fexample.com%2Fmailto%3Ax%40example.com.eml", host(), cookie))
                .startsWith("HTTP/1.1 404");
    }

    @Test
    void thePage_shouldBeServedWithItsChartLibraryFromTheJar() throws IOException {
        assertThat(request("GET", "/", host(), cookie)).startsWith("HTTP/1.1 200").contains("<script src=\"/chart.umd.js\"");
        assertThat(request("GET", "/chart.umd.js", host(), cookie)).startsWith("HTTP/1.1 200").contains("Chart.js v4");
    }

    /** One HTTP/1.1 request on a fresh connection; the whole answer, headers and body. */
    private String request(String method, String path, String host, String cookie) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (host != null) {
                request.append("Host: ").append(host).append("\r\n");
            }
            if (cookie != null) {
                request.append("Cookie: ").append(cookie).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
