package dev.tlsrpt.send.https;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Addresses that are not ordinary public unicast hosts on the internet, each with the name of its range
 * (IANA IPv4 and IPv6 special-purpose address registries). A reporting URI comes from anyone's DNS
 * (docs/design.md 2.6): without this check a TXT record could aim our POST at the instance metadata service,
 * the VPC, or the function's own loopback.
 *
 * <p>IPv4 is a deny-list of the special ranges. IPv6 is an allow-list: only global unicast
 * (2000::/3) minus its special ranges, plus the IPv6 forms that carry an IPv4 address (IPv4-mapped,
 * NAT64, 6to4), which are judged by the IPv4 address they carry.
 */
final class SpecialPurposeAddresses {
    private SpecialPurposeAddresses() {
    }

    /** Loopback ranges, the only ones a local run may choose to allow. */
    static final String LOOPBACK = "loopback";

    private record Range(byte[] prefix, int bits, String name) {
        static Range of(String cidr, String name) {
            int slash = cidr.indexOf('/');
            byte[] network = literal(cidr.substring(0, slash));
            return new Range(network, Integer.parseInt(cidr.substring(slash + 1)), name);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            if (!Arrays.equals(address, 0, full, prefix, 0, full)) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Range> IPV4 = List.of(
            Range.of("0.0.0.0/8", "\"this network\" (0.0.0.0/8)"),
            Range.of("10.0.0.0/8", "private (RFC 1918)"),
            Range.of("100.64.0.0/10", "shared address space / CGNAT (RFC 6598)"),
            Range.of("127.0.0.0/8", LOOPBACK),
            Range.of("169.254.0.0/16", "link-local, incl. the instance metadata service (RFC 3927)"),
            Range.of("172.16.0.0/12", "private (RFC 1918)"),
            Range.of("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
            Range.of("192.0.2.0/24", "documentation (RFC 5737)"),
            Range.of("192.88.99.0/24", "6to4 relay anycast (RFC 7526)"),
            Range.of("192.168.0.0/16", "private (RFC 1918)"),
            Range.of("198.18.0.0/15", "benchmarking (RFC 2544)"),
            Range.of("198.51.100.0/24", "documentation (RFC 5737)"),
            Range.of("203.0.113.0/24", "documentation (RFC 5737)"),
            Range.of("224.0.0.0/4", "multicast"),
            Range.of("240.0.0.0/4", "reserved, incl. broadcast 255.255.255.255"));

    private static final Range IPV6_LOOPBACK = Range.of("::1/128", LOOPBACK);
    private static final Range IPV4_MAPPED = Range.of("::ffff:0:0/96", "IPv4-mapped");
    private static final Range NAT64 = Range.of("64:ff9b::/96", "NAT64 (RFC 6052)");
    private static final Range SIX_TO_FOUR = Range.of("2002::/16", "6to4 (RFC 3056)");
    private static final Range GLOBAL_UNICAST = Range.of("2000::/3", "global unicast");

    /** Inside 2000::/3 but not a host we may post to. */
    private static final List<Range> IPV6_SPECIAL_GLOBAL = List.of(
            Range.of("2001::/23", "IETF protocol assignments, incl. Teredo (RFC 2928)"),
            Range.of("2001:db8::/32", "documentation (RFC 3849)"),
            Range.of("3fff::/20", "documentation (RFC 9637)"));

    /** Named for the refusal message: the ranges outside 2000::/3 an attacker would aim at. */
    private static final List<Range> IPV6_NAMED = List.of(
            Range.of("::/128", "unspecified (::)"),
            Range.of("fd00:ec2::/32", "unique local, incl. the AWS instance metadata service fd00:ec2::254"),
            Range.of("fc00::/7", "unique local (RFC 4193)"),
            Range.of("fe80::/10", "link-local"),
            Range.of("fec0::/10", "site-local (deprecated)"),
            Range.of("ff00::/8", "multicast"));

    /** The name of the special range {@code address} is in, or empty for a public unicast address. */
    static Optional<String> rangeOf(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4RangeOf(bytes);
        }
        if (IPV6_LOOPBACK.contains(bytes)) {
            return Optional.of(LOOPBACK);
        }
        // Forms that reach an IPv4 host: judged by that host, and named so an operator sees the form.
        for (Range carrier : List.of(IPV4_MAPPED, NAT64)) {
            if (carrier.contains(bytes)) {
                return ipv4RangeOf(Arrays.copyOfRange(bytes, 12, 16)).map(name -> carrier.name() + " " + name);
            }
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return ipv4RangeOf(Arrays.copyOfRange(bytes, 2, 6)).map(name -> SIX_TO_FOUR.name() + " " + name);
        }
        for (Range range : IPV6_SPECIAL_GLOBAL) {
            if (range.contains(bytes)) {
                return Optional.of(range.name());
            }
        }
        if (GLOBAL_UNICAST.contains(bytes)) {
            return Optional.empty();
        }
        for (Range range : IPV6_NAMED) {
            if (range.contains(bytes)) {
                return Optional.of(range.name());
            }
        }
        return Optional.of("not global unicast (outside 2000::/3)");
    }

    private static Optional<String> ipv4RangeOf(byte[] bytes) {
        for (Range range : IPV4) {
            if (range.contains(bytes)) {
                return Optional.of(range.name());
            }
        }
        return Optional.empty();
    }

    /** Parses an address literal of this class's tables; never touches DNS. */
    private static byte[] literal(String text) {
        try {
            // A literal (digits and dots, or containing ':') is parsed, not resolved.
            byte[] bytes = InetAddress.getByName(text).getAddress();
            if (text.contains(":") && bytes.length == 4) {
                // Java turns ::ffff:a.b.c.d into an IPv4 address; the tables need the 16-byte form.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
