package io.chaoschain.chains;

import io.chaoschain.core.UserFacingException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where a chain is reached: its configured name, the chain id every RPC must report, and RPC URLs in order of
 * preference.
 *
 * @param name the chain's name in the config ({@code chains.<name>})
 * @param chainId the id the RPCs must report ({@code chains.<name>.chainId})
 * @param rpcUrls HTTP(S) JSON-RPC URLs, tried in order ({@code chains.<name>.rpc})
 */
public record ChainEndpoints(String name, long chainId, List<String> rpcUrls) {

    public ChainEndpoints {
        if (name == null || name.isBlank()) {
            throw new UserFacingException("error: a chain needs a name (chains.<name>)");
        }
        if (chainId <= 0) {
            throw new UserFacingException("error: chain '" + name + "': chainId must be a positive integer ("
                    + configKey(name, "chainId") + ")");
        }
        if (rpcUrls == null || rpcUrls.isEmpty()) {
            throw new UserFacingException(
                    "error: chain '" + name + "': no RPC URL configured; set " + configKey(name, "rpc"));
        }
        rpcUrls = List.copyOf(rpcUrls);
        for (String url : rpcUrls) {
            String scheme;
            try {
                URI uri = URI.create(url);
                scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (uri.getHost() == null) {
                    scheme = "";
                }
            } catch (IllegalArgumentException e) {
                scheme = "";
            }
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new UserFacingException("error: chain '" + name + "': RPC URL '" + Redaction.url(url)
                        + "' is not an http(s) URL (" + configKey(name, "rpc") + ")");
            }
        }
    }

    public static ChainEndpoints of(String name, long chainId, String... rpcUrls) {
        return new ChainEndpoints(name, chainId, List.of(rpcUrls));
    }

    /** The config key of one of this chain's settings, e.g. {@code chains.ethereum.rpc}. */
    public String configKey(String setting) {
        return configKey(name, setting);
    }

    private static String configKey(String chain, String setting) {
        return "chains." + chain + "." + setting;
    }
}
