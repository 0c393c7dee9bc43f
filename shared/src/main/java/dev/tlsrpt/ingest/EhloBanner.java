package dev.tlsrpt.ingest;

/**
 * The receiving-mx-helo of RFC 8460 section 4.3 is the host name the server announced. libtlsrpt passes on
 * whatever the MTA gave it, and Postfix gives the whole EHLO reply ("250-mail.example.com ESMTP\n250
 * STARTTLS"): the host name is the first word of its first line, after the reply code.
 */
final class EhloBanner {
    private EhloBanner() {
    }

    /** The banner host name in {@code ehlo}, or {@code null} when it names none. */
    static String hostName(String ehlo) {
        int lineEnd = ehlo.indexOf('\n');
        String line = (lineEnd < 0 ? ehlo : ehlo.substring(0, lineEnd)).strip();
        if (line.length() >= 3 && isDigit(line.charAt(0)) && isDigit(line.charAt(1)) && isDigit(line.charAt(2))
                && (line.length() == 3 || line.charAt(3) == '-' || line.charAt(3) == ' ')) {
            line = line.substring(Math.min(4, line.length())).strip();
        }
        int wordEnd = 0;
        while (wordEnd < line.length() && !Character.isWhitespace(line.charAt(wordEnd))) {
            wordEnd++;
        }
        return wordEnd == 0 ? null : line.substring(0, wordEnd);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
