package dev.tlsrpt.auth;

import java.util.List;
import java.util.Optional;

/** The MTAs allowed to submit results, one token each. */
public interface TokenStore {

    /** Creates and stores a token for {@code name}; the returned token is the only copy of its secret. */
    ApiToken create(String name);

    List<TokenInfo> list();

    /** Revokes the token with this id; false when there is none. */
    boolean revoke(String id);

    /** The token's entry when {@code bearer} is an active token, else empty. */
    Optional<TokenInfo> authenticate(String bearer);
}
