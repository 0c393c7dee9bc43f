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
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        try {
            decoder.decode(in);
        } catch (CharacterCodingException e) {
            throw new InvalidBatchException(path, "is not valid UTF-8 (byte " + (in.position() - offset) + ")");
        }
    }
}
