package dev.tlsrpt.store.dynamodb;

import static dev.tlsrpt.store.dynamodb.Attributes.n;
import static dev.tlsrpt.store.dynamodb.Attributes.s;

import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.auth.TokenInfo;
import dev.tlsrpt.auth.TokenStore;
import dev.tlsrpt.store.StorageUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Tokens in DynamoDB, keyed by token id, with the secret's hash. Lookups are cached per container for a
 * short time, so a revocation takes effect within {@link #CACHE_TIME} everywhere.
 */
public final class DynamoDbTokenStore implements TokenStore {
    public static final Duration CACHE_TIME = Duration.ofSeconds(60);
    /** Unknown ids are cached too (they cost a read each); the cache is emptied rather than let grow. */
    private static final int MAX_CACHED = 10_000;
    private static final String PK = "pk";
    private static final String NAME = "name";
    private static final String HASH = "hash";
    private static final String CREATED = "created";
    private static final String REVOKED = "revoked";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Map<String, AttributeValue> item, Instant fetched) {
    }

    public DynamoDbTokenStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public ApiToken create(String name) {
        ApiToken token = ApiToken.generate();
        dynamo.putItem(r -> r.tableName(table)
                .item(Map.of(
                        PK, s(token.id()),
                        NAME, s(name),
                        HASH, s(token.secretHash()),
                        CREATED, s(clock.instant().toString())))
                .conditionExpression("attribute_not_exists(pk)"));
        return token;
    }

    /** Operators list a handful of tokens: a scan of this small table is the simple, right tool. */
    @Override
    public List<TokenInfo> list() {
        List<TokenInfo> tokens = new ArrayList<>();
        for (var page : dynamo.scanPaginator(ScanRequest.builder().tableName(table).build())) {
            page.items().forEach(item -> tokens.add(info(item)));
        }
        tokens.sort(Comparator.comparing(TokenInfo::created));
        return tokens;
    }

    @Override
    public boolean revoke(String id) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of(PK, s(id)))
                    .updateExpression("SET #revoked = if_not_exists(#revoked, :now)")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#revoked", REVOKED))
                    .expressionAttributeValues(Map.of(":now", s(clock.instant().toString()))));
            cache.remove(id);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<TokenInfo> authenticate(String bearer) {
        Optional<ApiToken> token = ApiToken.parse(bearer);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = lookup(token.get().id());
        if (item == null || item.isEmpty() || !token.get().matches(item.get(HASH).s())) {
            return Optional.empty();
        }
        TokenInfo info = info(item);
        return info.active() ? Optional.of(info) : Optional.empty();
    }

    private Map<String, AttributeValue> lookup(String id) {
        Instant now = clock.instant();
        Cached cached = cache.get(id);
        if (cached != null && cached.fetched.plus(CACHE_TIME).isAfter(now)) {
            return cached.item;
        }
        Map<String, AttributeValue> item;
        try {
            item = dynamo.getItem(r -> r.tableName(table).key(Map.of(PK, s(id)))).item();
        } catch (SdkException e) {
            throw new StorageUnavailableException("token storage did not answer", e);
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(id, new Cached(item == null ? Map.of() : item, now));
        return item;
    }

    private static TokenInfo info(Map<String, AttributeValue> item) {
        AttributeValue revoked = item.get(REVOKED);
        return new TokenInfo(item.get(PK).s(), item.get(NAME).s(), Instant.parse(item.get(CREATED).s()),
                revoked == null ? null : Instant.parse(revoked.s()));
    }
}
