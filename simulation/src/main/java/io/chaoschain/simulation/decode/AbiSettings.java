package io.chaoschain.simulation.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chaoschain.core.UserFacingException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where ABIs beyond the bundled ones come from: the user's directories ({@code --abi DIR}, {@code abi.dirs}), a
 * Sourcify server ({@code abi.sourcify}), an Etherscan-compatible explorer API ({@code abi.etherscan.url}, its key
 * read from the environment variable {@code abi.etherscan.apiKeyEnv}), and the on-disk cache of looked-up ABIs
 * ({@code abi.cache}, default {@code ~/.cache/chaoschain/abi}).
 *
 * @param explorerKey the explorer API key (never logged, never written to the cache), or null
 */
public record AbiSettings(List<Path> dirs, URI sourcify, URI explorer, String explorerKey, Path cache) {
    public AbiSettings {
        dirs = List.copyOf(dirs);
        cache = cache != null ? cache : defaultCache();
    }

    /** No user ABIs and no look-ups. */
    public static AbiSettings none() {
        return new AbiSettings(List.of(), null, null, null, null);
    }

    /** These settings with more user directories in front (the command line's {@code --abi}). */
    public AbiSettings withDirs(List<Path> more) {
        List<Path> all = new ArrayList<>(more);
        all.addAll(dirs);
        return new AbiSettings(all, sourcify, explorer, explorerKey, cache);
    }

    /** {@code ~/.cache/chaoschain/abi} (or {@code $XDG_CACHE_HOME/chaoschain/abi}). */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("chaoschain").resolve("abi");
    }

    /**
     * Reads the {@code abi} section of a checks config file ({@code --checks-config}, JSON or YAML); relative paths
     * resolve against the file's directory, the explorer key comes from the process environment.
     *
     * @throws UserFacingException naming the file and the key at fault
     */
    public static AbiSettings fromChecksConfig(Path file) {
        JsonNode root;
        try {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml")
                    ? new ObjectMapper(new YAMLFactory())
                    : new ObjectMapper();
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserFacingException("--checks-config: cannot read " + file + " (" + e.getMessage() + ")", 2, e);
        }
        Path base = file.toAbsolutePath().getParent();
        return fromConfig(root == null ? null : root.get("abi"), base, file.toString(), System.getenv());
    }

    /**
     * Reads the {@code abi} section of a config file (already parsed); relative directories resolve against
     * {@code base}. Missing section: {@link #none()}.
     *
     * @param where the file's name, for errors
     * @param env the environment the explorer key is read from
     * @throws UserFacingException naming the key and what to do
     */
    public static AbiSettings fromConfig(JsonNode abi, Path base, String where, Map<String, String> env) {
        if (abi == null || abi.isMissingNode() || abi.isNull()) {
            return none();
        }
        if (!abi.isObject()) {
            throw bad(where, "abi must be an object with dirs, sourcify, etherscan and/or cache");
        }
        for (String key : (Iterable<String>) abi::fieldNames) {
            if (!List.of("dirs", "sourcify", "etherscan", "cache").contains(key)) {
                throw bad(where, "unknown key abi." + key + " (expected dirs, sourcify, etherscan or cache)");
            }
        }
        List<Path> dirs = new ArrayList<>();
        JsonNode d = abi.path("dirs");
        if (!d.isMissingNode()) {
            if (!d.isArray()) {
                throw bad(where, "abi.dirs must be a list of directories");
            }
            d.forEach(n -> dirs.add(base.resolve(n.asText())));
        }
        URI sourcify = url(abi.path("sourcify"), "abi.sourcify", where);
        URI explorer = null;
        String key = null;
        JsonNode e = abi.path("etherscan");
        if (!e.isMissingNode()) {
            explorer = url(e.path("url"), "abi.etherscan.url", where);
            if (explorer == null) {
                throw bad(where, "abi.etherscan.url is required (the explorer's API URL, e.g. .../v2/api)");
            }
            String var = e.path("apiKeyEnv").asText("");
            if (!var.isEmpty()) {
                key = env.get(var);
                if (key == null || key.isBlank()) {
                    throw bad(
                            where,
                            "abi.etherscan.apiKeyEnv names " + var + " but that environment variable is "
                                    + "not set; export it or remove apiKeyEnv");
                }
            }
        }
        Path cache = abi.hasNonNull("cache") ? base.resolve(abi.path("cache").asText()) : null;
        return new AbiSettings(dirs, sourcify, explorer, key, cache);
    }

    private static URI url(JsonNode node, String field, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String text = node.asText();
        try {
            URI uri = URI.create(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw bad(where, field + " must be an http(s) URL, got '" + text + "'");
    }

    private static UserFacingException bad(String where, String what) {
        return new UserFacingException("--checks-config: " + where + ": " + what, 2, null);
    }

    @Override
    public String toString() {
        return "AbiSettings[dirs=" + dirs + ", sourcify=" + sourcify + ", explorer=" + explorer + ", explorerKey="
                + (explorerKey == null ? "none" : "(set)") + ", cache=" + cache + "]";
    }
}
