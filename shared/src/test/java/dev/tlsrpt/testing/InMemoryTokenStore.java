package dev.tlsrpt.testing;

import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.auth.TokenInfo;
import dev.tlsrpt.auth.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fake for unit tests: tokens in a map, checked like the real store checks them. */
public final class InMemoryTokenStore implements TokenStore {
    private final Map<String, TokenInfo> infos = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();

    @Override
    public synchronized ApiToken create(String name) {
        ApiToken token = ApiToken.generate();
        infos.put(token.id(), new TokenInfo(token.id(), name, Instant.EPOCH, null));
        hashes.put(token.id(), token.secretHash());
        return token;
    }

    @Override
    public synchronized List<TokenInfo> list() {
        return new ArrayList<>(infos.values());
    }

    @Override
    public synchronized boolean revoke(String id) {
        TokenInfo info = infos.get(id);
        if (info == null) {
            return false;
        }
        infos.put(id, new TokenInfo(id, info.name(), info.created(), Instant.EPOCH));
        return true;
    }

    @Override
    public synchronized Optional<TokenInfo> authenticate(String bearer) {
        return ApiToken.parse(bearer)
                .filter(token -> hashes.containsKey(token.id()) && token.matches(hashes.get(token.id())))
                .map(token -> infos.get(token.id()))
                .filter(TokenInfo::active);
    }
}
