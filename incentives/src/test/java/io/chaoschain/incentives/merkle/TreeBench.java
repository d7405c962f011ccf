package io.chaoschain.incentives.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Json;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, not a test (run by bench/incentives/tree.sh): the reward tree of N random entries plus every proof, ours
 * in this JVM against {@code @openzeppelin/merkle-tree} under node on the same entries, medians and ratio.
 */
public final class TreeBench {
    private TreeBench() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        Random random = new Random(42);
        HexFormat hex = HexFormat.of();
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            tokens.add(address(random, hex));
        }
        List<RewardEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(new RewardEntry(address(random, hex), tokens.get(i % 4), new BigInteger(96, random)));
        }
        Path input = Files.createTempFile("tree-bench", ".json");
        Files.writeString(
                input, Json.write(entries.stream().map(RewardEntry::leafValues).toList()));

        Path root = Path.of(System.getProperty("chaoschain.root", "."));
        Process node = new ProcessBuilder(
                        "node",
                        root.resolve("bench/incentives/tree-reference.mjs").toString(),
                        input.toString(),
                        Integer.toString(runs))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(node.getInputStream().readAllBytes());
        if (!node.waitFor(30, TimeUnit.MINUTES) || node.exitValue() != 0) {
            throw new IllegalStateException("the reference run failed");
        }
        Files.delete(input);
        JsonNode reference = Json.mapper().readTree(out);
        double[] theirs = new double[reference.get("ms").size()];
        for (int i = 0; i < theirs.length; i++) {
            theirs[i] = reference.get("ms").get(i).asDouble();
        }

        double[] ours = new double[runs];
        String ourRoot = null;
        for (int warm = 0; warm < 2; warm++) {
            buildAndProve(entries);
        }
        for (int r = 0; r < runs; r++) {
            long started = System.nanoTime();
            ourRoot = buildAndProve(entries);
            ours[r] = (System.nanoTime() - started) / 1e6;
        }
        if (!ourRoot.equals(reference.get("root").asText())) {
            throw new IllegalStateException("roots differ: ours " + ourRoot + ", library "
                    + reference.get("root").asText());
        }
        System.out.printf("entries            %,d (root %s, equal in both)%n", n, ourRoot);
        System.out.printf("ours (Java) ms     %s%n", Arrays.toString(round(ours)));
        System.out.printf("library (node) ms  %s%n", Arrays.toString(round(theirs)));
        double ourMedian = median(ours);
        double theirMedian = median(theirs);
        System.out.printf(
                "median             ours %.1f ms, library %.1f ms, ratio %.3fx (target <= 0.2x)%n",
                ourMedian, theirMedian, ourMedian / theirMedian);
    }

    private static String buildAndProve(List<RewardEntry> entries) {
        RewardTree tree = RewardTree.of(entries);
        int hashes = 0;
        for (int i = 0; i < entries.size(); i++) {
            hashes += tree.proofHex(i).size();
        }
        if (hashes == 0 && entries.size() > 1) {
            throw new IllegalStateException("no proofs");
        }
        return tree.root();
    }

    private static String address(Random random, HexFormat hex) {
        byte[] b = new byte[20];
        random.nextBytes(b);
        return "0x" + hex.formatHex(b);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 10) / 10.0).toArray();
    }
}
