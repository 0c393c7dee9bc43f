package dev.tlsrpt.send.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckedDnsResolverTest {

    private static InetAddress[] addresses(String... literals) throws UnknownHostException {
        InetAddress[] result = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            result[i] = InetAddress.getByName(literals[i]);
        }
        return result;
    }

    /** A DNS server that answers each lookup with the next answer: a rebinding attacker's. */
    private static HostResolver answering(InetAddress[]... answers) {
        Deque<InetAddress[]> queue = new ArrayDeque<>(List.of(answers));
        return host -> queue.poll();
    }

    @Test
    void resolve_shouldReturnExactlyTheCheckedAddresses_fromOneLookup() throws Exception {
        // GIVEN a name whose first answer is public and whose second would be the metadata service
        var resolver = new CheckedDnsResolver(
                answering(addresses("8.8.8.8", "2001:4860:4860::8888"),
                        addresses("169.254.169.254")),
                AddressPolicy.publicInternetOnly());

        // WHEN the client asks for the connection's addresses
        List<InetSocketAddress> resolved = resolver.resolve("reports.example", 443);

        // THEN it gets the first answer, checked, with the port
        assertThat(resolved).extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("8.8.8.8", "2001:4860:4860:0:0:0:0:8888");
        assertThat(resolved).extracting(InetSocketAddress::getPort).containsOnly(443);
    }

    @Test
    void resolve_shouldRefuseTheName_whenAnyAddressIsNotPublic() throws Exception {
        // GIVEN a name with one public and one private address
        var resolver = new CheckedDnsResolver(answering(addresses("8.8.8.8", "10.0.0.1")), AddressPolicy.publicInternetOnly());

        // WHEN resolved THEN the whole name is refused, naming the offending address
        assertThatThrownBy(() -> resolver.resolve("mixed.example"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessage("refused mixed.example: 10.0.0.1 is private (RFC 1918)");
    }

    @Test
    void resolve_shouldCheckLiterals_withoutAskingDns() throws Exception {
        // GIVEN a resolver that must not be asked
        var resolver = new CheckedDnsResolver(host -> {
            throw new AssertionError("DNS asked for " + host);
        }, AddressPolicy.publicInternetOnly());

        // WHEN literals are resolved THEN internal ones are refused, public ones pass, DNS untouched
        assertThatThrownBy(() -> resolver.resolve("169.254.169.254")).isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> resolver.resolve("[::1]")).isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> resolver.resolve("[fd00:ec2::254]")).isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> resolver.resolve("::ffff:10.0.0.1")).isInstanceOf(RefusedAddressException.class);
        assertThat(resolver.resolve("8.8.8.8", 443)).hasSize(1);
    }

    @Test
    void resolve_withNoAddresses_shouldBeUnknownHost() {
        var resolver = new CheckedDnsResolver(host -> new InetAddress[0], AddressPolicy.publicInternetOnly());
        assertThatThrownBy(() -> resolver.resolve("empty.example"))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(RefusedAddressException.class);
    }
}
