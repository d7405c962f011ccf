package io.chaoschain.simulation.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks a contract's verified ABI up by chain id and address: first a Sourcify server
 * ({@code GET {base}/v2/contract/{chainId}/{address}?fields=abi}: {@code 200 {"abi": [...], "match": ...}} when
 * verified, {@code 404 {"customCode": "not_found", ...}} when not), then an Etherscan-compatible explorer
 * ({@code GET {url}?chainid=..&module=contract&action=getabi&address=..&apikey=..}: {@code {"status": "1", "message":
 * "OK", "result": "<ABI as a JSON string>"}}, or {@code {"status": "0", "message": "NOTOK", "result": "Contract
 * source code not verified"}}).
 *
 * <p>ABIs found are cached on disk as {@code <cache>/<chainId>/<address>.json} ({@code {"source": .., "abi": [..]}})
 * and never fetched again; "not verified" and unreachable servers are remembered for this process only. The API key
 * goes only into the request; it is never logged, cached or put in a message. Thread-safe.
 */
public final class RemoteAbiLookup {
    /** Labels of the two look-ups in reports. */
    public static final String SOURCIFY = "sourcify";

    public static final String EXPLORER = "explorer";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** An ABI found, with the look-up that found it. */
    public record Found(String source, JsonNode abi) {}

    private final URI sourcify;
    private final URI explorer;
    private final String explorerKey;
    private final Path cache;
    private final HttpClient http;
    private final Map<String, Optional<Found>> seen = new ConcurrentHashMap<>();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * @param sourcify the Sourcify server's base URL (the part before {@code /v2}), or null
     * @param explorer the explorer's API URL (e.g. {@code https://.../v2/api}), or null
     * @param explorerKey the explorer's API key, or null
     * @param cache the cache directory (created on first write)
     */
    public RemoteAbiLookup(URI sourcify, URI explorer, String explorerKey, Path cache) {
        this.sourcify = sourcify;
        this.explorer = explorer;
        this.explorerKey = explorerKey;
        this.cache = cache;
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The verified ABI of {@code address} on {@code chainId}, from the cache or the configured servers. */
    public Optional<Found> lookup(long chainId, String address) {
        String a = address.toLowerCase(Locale.ROOT);
        return seen.computeIfAbsent(chainId + "/" + a, k -> fromCacheOrServers(chainId, a));
    }

    /** Why look-ups failed in this process (unreachable server, unexpected reply), without keys; for reports. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private Optional<Found> fromCacheOrServers(long chainId, String address) {
        Path file = cache.resolve(Long.toString(chainId)).resolve(address + ".json");
        if (Files.isRegularFile(file)) {
            try {
                JsonNode cached = JSON.readTree(file.toFile());
                if (cached.path("abi").isArray()) {
                    return Optional.of(new Found(cached.path("source").asText(SOURCIFY), cached.path("abi")));
                }
            } catch (IOException e) {
                // a damaged cache entry is fetched again and overwritten
            }
        }
        Optional<Found> found = Optional.empty();
        if (sourcify != null) {
            found = sourcify(chainId, address);
        }
        if (found.isEmpty() && explorer != null) {
            found = explorer(chainId, address);
        }
        found.ifPresent(f -> store(file, f));
        return found;
    }

    private Optional<Found> sourcify(long chainId, String address) {
        String base = sourcify.toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/v2/contract/" + chainId + "/" + address + "?fields=abi");
        HttpResponse<String> r = get(uri, "Sourcify at " + sourcify.getHost());
        if (r == null) {
            return Optional.empty();
        }
        if (r.statusCode() == 404) {
            return Optional.empty(); // not verified there
        }
        try {
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() == 200 && body.path("abi").isArray()) {
                return Optional.of(new Found(SOURCIFY, body.path("abi")));
            }
            problems.add("Sourcify at " + sourcify.getHost() + " answered " + r.statusCode() + " for " + address);
        } catch (IOException e) {
            problems.add("Sourcify at " + sourcify.getHost() + " sent a reply that is not JSON for " + address);
        }
        return Optional.empty();
    }

    private Optional<Found> explorer(long chainId, String address) {
        String q = "chainid=" + chainId + "&module=contract&action=getabi&address=" + address
                + (explorerKey == null ? "" : "&apikey=" + URLEncoder.encode(explorerKey, StandardCharsets.UTF_8));
        String base = explorer.toString();
        URI uri = URI.create(base + (base.contains("?") ? "&" : "?") + q);
        HttpResponse<String> r = get(uri, "the explorer at " + explorer.getHost());
        if (r == null) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(r.body());
            if ("1".equals(body.path("status").asText())) {
                JsonNode abi = JSON.readTree(body.path("result").asText());
                if (abi.isArray()) {
                    return Optional.of(new Found(EXPLORER, abi));
                }
            }
            String result = body.path("result").asText("");
            if (!result.toLowerCase(Locale.ROOT).contains("not verified")) {
                problems.add("the explorer at " + explorer.getHost() + " answered '"
                        + body.path("message").asText() + "' for " + address);
            }
        } catch (IOException e) {
            problems.add("the explorer at " + explorer.getHost() + " sent a reply that is not JSON for " + address);
        }
        return Optional.empty();
    }

    private HttpResponse<String> get(URI uri, String who) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(TIMEOUT)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            problems.add("cannot reach " + who + " (" + e.getClass().getSimpleName() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void store(Path file, Found found) {
        try {
            Files.createDirectories(file.getParent());
            ObjectNode entry = JSON.createObjectNode();
            entry.put("source", found.source());
            entry.set("abi", found.abi());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(entry));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            problems.add("cannot write the ABI cache " + cache + " (" + e.getMessage() + ")");
        }
    }
}
