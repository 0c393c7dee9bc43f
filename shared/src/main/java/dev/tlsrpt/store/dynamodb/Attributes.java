package dev.tlsrpt.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The attribute values every table here writes: strings, and numbers from longs. */
final class Attributes {
    private Attributes() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
