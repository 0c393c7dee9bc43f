package dev.tlsrpt.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Checks IP address literals without ever touching DNS. */
final class IpLiterals {
    private IpLiterals() {
    }

    static boolean isIpLiteral(String value) {
        return value.indexOf(':') >= 0 ? isIpv6(value) : isIpv4(value);
    }

    private static boolean isIpv4(String value) {
        int octets = 0;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '.') {
                int length = i - start;
                if (length < 1 || length > 3 || (length > 1 && value.charAt(start) == '0')) {
                    return false;
                }
                int octet = 0;
                for (int j = start; j < i; j++) {
                    char c = value.charAt(j);
                    if (c < '0' || c > '9') {
                        return false;
                    }
                    octet = octet * 10 + (c - '0');
                }
                if (octet > 255) {
                    return false;
                }
                octets++;
                start = i + 1;
            }
        }
        return octets == 4;
    }

    private static boolean isIpv6(String value) {
        if (value.length() > 45) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        try {
            // A string with ':' is parsed as an IPv6 literal; no lookup happens.
            InetAddress.getByName(value);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
