package dev.tlsrpt.store;

import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.ResultType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The detail cap (docs/storage.md): a counter keeps at most {@link StorageLimits#MAX_DISTINCT_DETAILS}
 * distinct failure details. Of a delta's details, those the counter already keeps are always counted on;
 * new ones are kept in the order of their ids while there is room, the rest are folded into one session
 * count per result type. No storage here: the adapter writes what this decides.
 *
 * @param kept           the details counted on their own, in the order of their ids
 * @param newlyKept      how many of {@code kept} the counter did not hold yet
 * @param foldedSessions the sessions of the folded details, per result type
 * @param foldedDetails  how many distinct details were folded
 */
public record DetailCap(List<KeptDetail> kept, int newlyKept, Map<ResultType, Long> foldedSessions, int foldedDetails) {

    /** A detail counted on its own, under its id ({@link StorageKeys#detailId}). */
    public record KeptDetail(String id, FailureDetail detail, long sessions) {
    }

    public DetailCap {
        kept = List.copyOf(kept);
        // In the order of the result types: the request built from this must be the same on every attempt.
        foldedSessions = foldedSessions.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(foldedSessions));
    }

    /**
     * @param details  a delta's details and their session counts
     * @param knownIds the counter's detail ids as last read, or {@code null} when not read: then every detail
     *                 counts as new (and a condition on the counter's size catches a counter that is fuller)
     */
    public static DetailCap of(Map<FailureDetail, Long> details, Set<String> knownIds) {
        // Sorted by id, so that which details are kept at the cap does not depend on map order.
        TreeMap<String, Map.Entry<FailureDetail, Long>> byId = new TreeMap<>();
        for (Map.Entry<FailureDetail, Long> entry : details.entrySet()) {
            byId.put(StorageKeys.detailId(entry.getKey()), entry);
        }
        Set<String> known = knownIds == null ? Set.of() : knownIds;
        int room = StorageLimits.MAX_DISTINCT_DETAILS - known.size();
        List<KeptDetail> kept = new ArrayList<>();
        Map<ResultType, Long> folded = new EnumMap<>(ResultType.class);
        int newlyKept = 0;
        int foldedDetails = 0;
        for (Map.Entry<String, Map.Entry<FailureDetail, Long>> entry : byId.entrySet()) {
            FailureDetail detail = entry.getValue().getKey();
            long sessions = entry.getValue().getValue();
            boolean isNew = !known.contains(entry.getKey());
            if (isNew && newlyKept >= room) {
                folded.merge(detail.resultType(), sessions, Long::sum);
                foldedDetails++;
                continue;
            }
            if (isNew) {
                newlyKept++;
            }
            kept.add(new KeptDetail(entry.getKey(), detail, sessions));
        }
        return new DetailCap(kept, newlyKept, folded, foldedDetails);
    }

    /** The most details the counter may hold before this write for the write to stay within the cap. */
    public int mostHeldBefore() {
        return StorageLimits.MAX_DISTINCT_DETAILS - newlyKept;
    }
}
