package dev.tlsrpt.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Request bodies must be UTF-8 (RFC 8259 section 8.1). A byte that is not is refused, never replaced by
 * U+FFFD: a replaced value would be stored as something the MTA never sent.
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** Throws naming {@code path} unless {@code bytes[offset, offset + length)} is valid UTF-8. */
    static void check(byte[] bytes, int offset, int length, String path) throws InvalidBatchException {
        // Most bodies are ASCII throughout: a plain scan is far cheaper than decoding (docs/design.md 4.1).
        int end = offset + length;
        int first = offset;
        while (first < end && bytes[first] >= 0) {
            first++;
        }
        if (first == end) {
            return;
        }
        // ASCII bytes are whole characters: decoding from the first other byte finds what decoding all would.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, first, end - first);
        try {
            decoder.decode(in);
        } catch (CharacterCodingException e) {
            throw new InvalidBatchException(path, "is not valid UTF-8 (byte " + (in.position() - offset) + ")");
        }
    }
}
