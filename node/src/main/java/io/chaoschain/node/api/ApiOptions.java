package io.chaoschain.node.api;

import io.chaoschain.core.UserFacingException;

/**
 * Where the API listens and the token that guards its mutating calls.
 *
 * @param host the interface to bind; loopback unless the operator chose otherwise
 * @param port the TCP port; 0 picks a free one ({@link ApiServer#port()} reports it)
 * @param token the bearer token required by mutating calls; never logged
 */
public record ApiOptions(String host, int port, String token) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int MIN_TOKEN_LENGTH = 16;

    public ApiOptions {
        if (host == null || host.isBlank()) {
            throw new UserFacingException("error: --api-host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new UserFacingException("error: --api-port must be between 0 and 65535, got " + port);
        }
        if (token == null || token.strip().length() < MIN_TOKEN_LENGTH) {
            throw new UserFacingException("error: the API token must be at least " + MIN_TOKEN_LENGTH
                    + " characters; delete the api-token file in" + " the data directory to have a new one generated");
        }
        token = token.strip();
    }

    /** Loopback on the given port. */
    public static ApiOptions loopback(int port, String token) {
        return new ApiOptions(DEFAULT_HOST, port, token);
    }

    @Override
    public String toString() {
        return "ApiOptions[host=" + host + ", port=" + port + ", token=<redacted>]";
    }
}
