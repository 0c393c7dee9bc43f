package dev.tlsrpt.tlsrpt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** RFC 8460 section 4.4: the kinds of policy a session was evaluated against. */
public enum PolicyType {
    STS("sts"),
    TLSA("tlsa"),
    NO_POLICY_FOUND("no-policy-found");

    private final String wireName;

    PolicyType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The type for a wire name, or {@code null} when there is none. */
    public static PolicyType fromWireNameOrNull(String name) {
        for (PolicyType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }

    @JsonCreator
    public static PolicyType fromWireName(String name) {
        PolicyType type = fromWireNameOrNull(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown policy-type: " + name);
        }
        return type;
    }
}
