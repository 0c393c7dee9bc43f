package dev.tlsrpt.testing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it: attribute names plus values (strings in UTF-8, numbers about one byte
 * per two significant digits plus one, sets the sum of their members).
 */
public final class ItemSize {
    private ItemSize() {
    }

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    /** Write units for writing an item of this size: one per started KB, twice that in a transaction. */
    public static long writeUnits(long bytes, boolean transactional) {
        long units = Math.max(1, (bytes + 1023) / 1024);
        return transactional ? 2 * units : units;
    }

    private static long valueSize(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return numberSize(value.n());
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        if (value.bool() != null) {
            return 1;
        }
        throw new IllegalArgumentException("attribute type not used by tlsrpt: " + value.type());
    }

    private static long numberSize(String number) {
        String digits = new BigDecimal(number).unscaledValue().abs().toString().replaceAll("^0+|0+$", "");
        return (Math.max(1, digits.length()) + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
