package dev.tlsrpt.send.https;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
    private final AddressPolicy production = AddressPolicy.publicInternetOnly();
    private final AddressPolicy local = AddressPolicy.publicInternetAndLocalReceiver("reports.example.com", 8443);

    private static InetAddress literal(String text) throws UnknownHostException {
        // Literals only: InetAddress parses these without a DNS query.
        return InetAddress.getByName(text);
    }

    /** The 16-byte IPv4-mapped form, kept as an Inet6Address (InetAddress.getByName would unwrap it). */
    private static InetAddress mapped(String ipv4) throws UnknownHostException {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return Inet6Address.getByAddress(null, v6, -1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "100.128.0.0", "172.15.255.255",
            "172.32.0.0", "192.167.255.255", "192.169.0.1", "169.253.255.255", "223.255.255.255", "11.0.0.1",
            "2001:4860:4860::8888", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "2600:1f18::1",
            "64:ff9b::808:808", "2002:808:808::1"})
    void publicAddresses_shouldBeAllowed(String text) throws UnknownHostException {
        // GIVEN a public unicast address WHEN judged by the production policy THEN it may be posted to
        assertThat(production.refusal(literal(text))).as(text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // IPv4 special-purpose ranges
            "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.255", "127.0.0.1",
            "127.255.255.254", "169.254.169.254", "169.254.0.1", "172.16.0.1", "172.31.255.255", "192.0.0.8",
            "192.0.2.1", "192.88.99.1", "192.168.1.1", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9",
            "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            // IPv6: loopback, unspecified, unique local (incl. AWS metadata), link-local, site-local, multicast
            "::1", "::", "fd00:ec2::254", "fc00::1", "fdff:ffff::1", "fe80::1", "febf::1", "fec0::1", "ff02::1",
            // IPv6 special ranges inside 2000::/3
            "2001:db8::1", "2001::1", "3fff::1",
            // IPv4 inside IPv6: mapped (Java unwraps these), NAT64 and 6to4 carrying an internal address,
            // IPv4-compatible (deprecated), and other space outside 2000::/3
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1",
            "2002:7f00:1::1", "2002:a00:1::", "::127.0.0.1", "::a9fe:a9fe", "100::1", "4000::1"})
    void specialAddresses_shouldBeRefused(String text) throws UnknownHostException {
        // GIVEN an address that is not an ordinary public host WHEN judged by the production policy
        // THEN it is refused, and the reason names the address
        InetAddress address = literal(text);
        assertThat(production.refusal(address)).as(text).hasValueSatisfying(reason ->
                assertThat(reason).startsWith(address.getHostAddress() + " is "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "169.254.169.254", "10.0.0.1", "192.168.0.1", "100.64.0.1", "0.0.0.0", "224.0.0.1"})
    void ipv4MappedIpv6Forms_shouldBeRefusedLikeTheirIpv4(String ipv4) throws UnknownHostException {
        // GIVEN an internal IPv4 address in its IPv4-mapped IPv6 form, kept as an Inet6Address
        InetAddress address = mapped(ipv4);
        assertThat(address).isInstanceOf(Inet6Address.class);

        // WHEN judged THEN refused, naming both the form and the IPv4 range
        assertThat(production.refusal(address)).hasValueSatisfying(reason -> assertThat(reason).contains("IPv4-mapped"));
    }

    @Test
    void ipv4MappedPublicAddress_shouldBeAllowed() throws UnknownHostException {
        assertThat(production.refusal(mapped("8.8.8.8"))).isEmpty();
    }

    @Test
    void reasons_shouldNameTheRange() throws UnknownHostException {
        assertThat(production.refusal(literal("169.254.169.254"))).get().asString().contains("metadata");
        assertThat(production.refusal(literal("fd00:ec2::254"))).get().asString().contains("metadata");
        assertThat(production.refusal(literal("10.1.2.3"))).get().asString().contains("RFC 1918");
        assertThat(production.refusal(literal("100.64.1.1"))).get().asString().contains("CGNAT");
        assertThat(production.refusal(literal("::1"))).get().asString().contains("loopback");
    }

    @Test
    void localPolicy_shouldAllowLoopbackForTheReceiverOnly() throws UnknownHostException {
        // GIVEN the local runner's policy WHEN judging loopback and other internal addresses
        // THEN loopback (both families) passes for the receiver's host and port, everything else internal is still refused
        assertThat(local.refusal("reports.example.com", 8443, literal("127.0.0.1"))).isEmpty();
        assertThat(local.refusal("Reports.Example.COM", 8443, literal("::1"))).isEmpty();
        assertThat(local.refusal("reports.example.com", 8443, literal("169.254.169.254"))).isPresent();
        assertThat(local.refusal("reports.example.com", 8443, literal("10.0.0.1"))).isPresent();
        assertThat(local.refusal("reports.example.com", 8443, literal("fd00:ec2::254"))).isPresent();
        assertThat(local.refusal("other.example", 443, literal("8.8.8.8"))).isEmpty();
    }

    @Test
    void localPolicy_shouldRefuseLoopbackForAnyOtherHostOrPort() throws UnknownHostException {
        // GIVEN the local runner's policy WHEN another name, a literal or another port leads to loopback THEN refused
        assertThat(local.refusal("localhost", 8443, literal("127.0.0.1"))).get().asString().contains("loopback");
        assertThat(local.refusal("127.0.0.1", 8443, literal("127.0.0.1"))).isPresent();
        assertThat(local.refusal("::1", 8443, literal("::1"))).isPresent();
        assertThat(local.refusal("reports.example.com", 22, literal("127.0.0.1"))).isPresent();
        assertThat(local.refusal("reports.example.com", 443, literal("127.0.0.1"))).isPresent();
        assertThat(local.refusal(literal("127.0.0.1"))).isPresent();
    }
}
