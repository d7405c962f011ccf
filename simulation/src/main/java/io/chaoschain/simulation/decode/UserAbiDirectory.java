package io.chaoschain.simulation.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.core.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the user's ABI directories ({@code --abi DIR}): every {@code *.json} below them, each either a plain ABI
 * (a JSON array) or a build artifact with an {@code abi} array (Hardhat, Foundry, Truffle). Hardhat's
 * {@code *.dbg.json} and {@code build-info} files carry no ABI and are skipped. Sources read {@code user:<file relative to its directory>}, so reports do not
 * depend on where the directory lies.
 */
public final class UserAbiDirectory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UserAbiDirectory() {}

    /**
     * Loads every ABI below {@code dirs}.
     *
     * @throws UserFacingException for a directory that does not exist or a file that is not an ABI, naming it
     */
    public static AbiRegistry load(List<Path> dirs) {
        AbiRegistry registry = AbiRegistry.empty();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw usage("--abi: no such directory " + dir + " (give a directory of JSON ABI files or artifacts)");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().endsWith(".json"))
                        .filter(f -> !f.getFileName().toString().endsWith(".dbg.json"))
                        .filter(f -> !dir.relativize(f).toString().contains("build-info"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw usage("--abi: cannot read directory " + dir + " (" + e.getMessage() + ")");
            }
            for (Path file : files) {
                registry.addAbi("user:" + dir.relativize(file), abiOf(file));
            }
        }
        return registry;
    }

    static JsonNode abiOf(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw usage("--abi: " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw usage("--abi: cannot read " + file + " (" + e.getMessage() + ")");
        }
        JsonNode abi = root != null && root.isObject() ? root.path("abi") : root;
        if (abi == null || !abi.isArray()) {
            throw usage("--abi: " + file + " is neither a JSON ABI (an array) nor an artifact with an \"abi\" array");
        }
        for (JsonNode item : abi) {
            if (!item.isObject() || !item.path("type").isTextual() && !item.has("name")) {
                throw usage("--abi: " + file + " has an ABI entry that is not an object with \"type\"/\"name\"");
            }
        }
        return abi;
    }

    private static UserFacingException usage(String message) {
        return new UserFacingException(message, 2, null);
    }
}
