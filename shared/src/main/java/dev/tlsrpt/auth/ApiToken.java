package dev.tlsrpt.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A bearer token as MTAs present it: {@code tlsrpt_<id>_<secret>}. The id finds the stored entry; only a
 * SHA-256 of the secret is stored (the secret has 256 random bits, so a fast hash is as good as a slow one),
 * and hashes are compared in constant time.
 */
public record ApiToken(String id, String secret) {
    private static final String PREFIX = "tlsrpt_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 12;
    private static final int SECRET_BYTES = 32;

    public static ApiToken generate() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        // '_' separates the parts, so the secret uses '-' where base64url would use '_'.
        return new ApiToken(randomId(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret).replace('_', '-'));
    }

    /**
     * Letters and digits only (about 71 bits): operators type the id as a command argument, and one that began
     * with '-' would be read as an option.
     */
    private static String randomId() {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** The token in a bearer string, or empty when it does not have the token's shape. */
    public static Optional<ApiToken> parse(String bearer) {
        if (bearer == null || !bearer.startsWith(PREFIX) || bearer.length() > 128) {
            return Optional.empty();
        }
        int separator = bearer.indexOf('_', PREFIX.length());
        if (separator < 0 || separator == PREFIX.length() || separator == bearer.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ApiToken(bearer.substring(PREFIX.length(), separator), bearer.substring(separator + 1)));
    }

    /** The full token, shown to the operator once. */
    public String value() {
        return PREFIX + id + "_" + secret;
    }

    public String secretHash() {
        return hash(secret);
    }

    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(secretHash().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Never the secret: records print themselves in logs and exceptions. */
    @Override
    public String toString() {
        return "ApiToken[id=" + id + "]";
    }
}
