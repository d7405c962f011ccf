package io.chaoschain.incentives.merkle;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chaoschain.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code src/test/js/standard-tree.mjs}: the {@code @openzeppelin/merkle-tree} library on the same values. */
final class ReferenceLibrary {
    record Request(List<String> leafEncoding, List<List<Object>> values, boolean sortLeaves) {}

    record Result(String root, List<List<String>> proofs, String dump) {}

    private ReferenceLibrary() {}

    static List<Result> build(List<Request> requests) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("chaoschain.root", ".."));
        Path script = root.resolve("incentives/src/test/js/standard-tree.mjs");
        Path input = Files.createTempFile("merkle-requests", ".json");
        Path output = Files.createTempFile("merkle-results", ".json");
        try {
            Files.writeString(
                    input,
                    Json.write(requests.stream()
                            .map(r -> Map.of(
                                    "leafEncoding",
                                    r.leafEncoding(),
                                    "values",
                                    r.values(),
                                    "sortLeaves",
                                    r.sortLeaves()))
                            .toList()));
            Process node = new ProcessBuilder("node", script.toString())
                    .redirectInput(input.toFile())
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!node.waitFor(5, TimeUnit.MINUTES) || node.exitValue() != 0) {
                node.destroyForcibly();
                throw new IllegalStateException("the reference script failed: " + script);
            }
            return Json.read(Files.readString(output, StandardCharsets.UTF_8), new TypeReference<List<Result>>() {});
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
        }
    }
}
