package dev.tlsrpt.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable identities for what storage keeps: a policy or a failure detail is identified by a hash of its
 * canonical JSON, so "the same policy" means the same thing in every writer (docs/design.md 2.1).
 */
public final class StorageKeys {
    private StorageKeys() {
    }

    /** The canonical JSON of a policy: RFC field names in a fixed order, TLSA strings sorted. */
    public static String canonicalJson(Policy policy) {
        return write(policy);
    }

    /** The canonical JSON of a failure detail, without its count. */
    public static String canonicalJson(FailureDetail detail) {
        return write(detail.key());
    }

    public static String policyId(Policy policy) {
        return hash(canonicalJson(policy), 16);
    }

    /** Eight base64url characters (48 bits): short, because it is part of attribute names on every counter. */
    public static String detailId(FailureDetail detail) {
        byte[] digest = sha256(canonicalJson(detail).getBytes(StandardCharsets.UTF_8));
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 6));
    }

    /** First {@code hexDigits} hex digits of the SHA-256 of {@code text}. */
    public static String hash(String text, int hexDigits) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, hexDigits);
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
