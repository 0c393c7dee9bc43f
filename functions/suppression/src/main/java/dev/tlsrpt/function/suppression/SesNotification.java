package dev.tlsrpt.function.suppression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What SuppressionFunction needs from an SES notification (the JSON in the SNS message): the kind of
 * feedback, the recipients it is about, and enough to tell whether the message was a report. Reads both
 * shapes SES publishes: configuration-set events ({@code eventType}) and identity notifications
 * ({@code notificationType}).
 *
 * @param kind       what happened
 * @param recipients the bounced or complaining addresses, as SES gives them
 * @param detail     for people: bounce subtype and diagnostic, or complaint feedback type
 * @param messageId  SES message id of the report email
 * @param senders    envelope source and From header addresses of the report email
 */
record SesNotification(Kind kind, List<String> recipients, String detail, String messageId, List<String> senders) {

    enum Kind {
        PERMANENT_BOUNCE,
        TRANSIENT_BOUNCE,
        UNDETERMINED_BOUNCE,
        COMPLAINT,
        /** A complaint whose feedback type says the message was not spam. */
        NOT_SPAM_COMPLAINT,
        /** Deliveries, sends, anything else the topic may carry. */
        OTHER
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    /** Parses the SNS message text; {@link IllegalArgumentException} when it is not an SES notification. */
    static SesNotification parse(String message) {
        JsonNode root;
        try {
            root = MAPPER.readTree(message == null ? "" : message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("SNS message is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("SNS message is not a JSON object");
        }
        String type = root.path("eventType").asText(root.path("notificationType").asText(""));
        JsonNode mail = root.path("mail");
        List<String> senders = new ArrayList<>();
        addText(senders, mail.path("source"));
        mail.path("commonHeaders").path("from").forEach(from -> addText(senders, from));
        String messageId = mail.path("messageId").asText(null);
        return switch (type) {
            case "Bounce" -> {
                JsonNode bounce = root.path("bounce");
                Kind kind = switch (bounce.path("bounceType").asText("")) {
                    case "Permanent" -> Kind.PERMANENT_BOUNCE;
                    case "Transient" -> Kind.TRANSIENT_BOUNCE;
                    default -> Kind.UNDETERMINED_BOUNCE;
                };
                List<String> recipients = new ArrayList<>();
                String diagnostic = null;
                for (JsonNode recipient : bounce.path("bouncedRecipients")) {
                    addText(recipients, recipient.path("emailAddress"));
                    if (diagnostic == null && recipient.hasNonNull("diagnosticCode")) {
                        diagnostic = recipient.path("diagnosticCode").asText();
                    }
                }
                String detail = bounce.path("bounceType").asText("?") + "/" + bounce.path("bounceSubType").asText("?")
                        + (diagnostic == null ? "" : ": " + diagnostic);
                yield new SesNotification(kind, recipients, shorten(detail), messageId, senders);
            }
            case "Complaint" -> {
                JsonNode complaint = root.path("complaint");
                String feedbackType = complaint.path("complaintFeedbackType").asText(null);
                List<String> recipients = new ArrayList<>();
                complaint.path("complainedRecipients").forEach(recipient -> addText(recipients, recipient.path("emailAddress")));
                Kind kind = "not-spam".equals(feedbackType) ? Kind.NOT_SPAM_COMPLAINT : Kind.COMPLAINT;
                yield new SesNotification(kind, recipients, shorten("complaint" + (feedbackType == null ? "" : ": " + feedbackType)),
                        messageId, senders);
            }
            default -> new SesNotification(Kind.OTHER, List.of(), type, messageId, senders);
        };
    }

    /** Whether the notification is about a message sent from {@code address} (envelope or From header). */
    boolean sentFrom(String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        for (String sender : senders) {
            // From headers may carry a display name: "TLS reports <tlsrpt-noreply@example.com>".
            int open = sender.lastIndexOf('<');
            int close = sender.lastIndexOf('>');
            String bare = open >= 0 && close > open ? sender.substring(open + 1, close) : sender;
            if (bare.strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static void addText(List<String> to, JsonNode node) {
        if (node.isTextual() && !node.asText().isBlank()) {
            to.add(node.asText());
        }
    }

    private static String shorten(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "...";
    }
}
