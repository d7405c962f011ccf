package io.chaoschain.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Json;
import io.chaoschain.incentives.merkle.RewardEntry;
import io.chaoschain.incentives.merkle.RewardTree;
import io.chaoschain.incentives.merkle.StandardMerkleTree;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RewardsCommandTest {
    static final String A = "0x1111111111111111111111111111111111111111";
    static final String B = "0x3333333333333333333333333333333333333333";
    static final String TOKEN = "0x2222222222222222222222222222222222222222";
    /** What @openzeppelin/merkle-tree 1.0.8 gives for [[A, TOKEN, "5"], [B, TOKEN, "7"]]. */
    static final String REFERENCE_ROOT = "0xcf9b8294b2e1a14edc3fb8b4eeb5f1e78c358ae92a1da38fb9939b9f843a4672";

    @TempDir
    Path dir;

    Path input(String json) throws Exception {
        return Files.writeString(dir.resolve("rewards.json"), json);
    }

    static String entry(String account, String token, String amount) {
        return "{\"account\": \"" + account + "\", \"token\": \"" + token + "\", \"amount\": " + amount + "}";
    }

    @Test
    void shouldPrintTheReferenceRootAndAProofPerEntryAsJson() throws Exception {
        Path file = input("[" + entry(A, TOKEN, "\"5\"") + ", "
                + entry(B.toUpperCase().replace("0X", "0x"), TOKEN, "\"7\"") + "]");
        CliRun run = CliRun.of("rewards", "tree", "--input", file.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode out = Json.mapper().readTree(run.out());
        assertThat(out.get("root").asText()).isEqualTo(REFERENCE_ROOT);
        assertThat(out.get("entries")).hasSize(2);
        JsonNode second = out.get("entries").get(1);
        assertThat(second.get("account").asText()).isEqualTo(B);
        assertThat(second.get("token").asText()).isEqualTo(TOKEN);
        assertThat(second.get("amount").asText()).isEqualTo("7");
        List<String> fields = new ArrayList<>();
        second.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("account", "token", "amount", "proof");
        for (JsonNode e : out.get("entries")) {
            List<byte[]> proof = new ArrayList<>();
            e.get("proof").forEach(p -> proof.add(io.chaoschain.core.Hex.decode(p.asText())));
            RewardEntry entry = new RewardEntry(
                    e.get("account").asText(),
                    e.get("token").asText(),
                    new BigInteger(e.get("amount").asText()));
            assertThat(RewardTree.verify(io.chaoschain.core.Hex.decode(REFERENCE_ROOT), entry, proof))
                    .isTrue();
        }
    }

    @Test
    void shouldWriteADumpTheTreeLoadsFrom() throws Exception {
        Path file = input("[" + entry(A, TOKEN, "\"5\"") + ", " + entry(B, TOKEN, "\"7\"") + "]");
        Path dump = dir.resolve("tree.json");
        CliRun run = CliRun.of("rewards", "tree", "--input", file.toString(), "--dump", dump.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("root     " + REFERENCE_ROOT).contains("entries  2");
        assertThat(StandardMerkleTree.load(Files.readString(dump)).rootHex()).isEqualTo(REFERENCE_ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "duplicate|[{\"account\": \"0x1111111111111111111111111111111111111111\", \"token\": \"0x2222222222222222222222222222222222222222\", \"amount\": \"1\"}, {\"account\": \"0x1111111111111111111111111111111111111111\", \"token\": \"0x2222222222222222222222222222222222222222\", \"amount\": \"2\"}]|error: entries[1] repeats account 0x1111111111111111111111111111111111111111 and token 0x2222222222222222222222222222222222222222 of entries[0]",
                "negative|[{\"account\": \"0x1111111111111111111111111111111111111111\", \"token\": \"0x2222222222222222222222222222222222222222\", \"amount\": \"-1\"}]|error: entries[0].amount must not be negative",
                "too large|[{\"account\": \"0x1111111111111111111111111111111111111111\", \"token\": \"0x2222222222222222222222222222222222222222\", \"amount\": \"115792089237316195423570985008687907853269984665640564039457584007913129639936\"}]|error: entries[0].amount is larger than a uint256",
                "bad address|[{\"account\": \"0x11\", \"token\": \"0x2222222222222222222222222222222222222222\", \"amount\": \"1\"}]|error: entries[0].account must be a 0x-prefixed 20-byte hex address",
                "bad token|[{\"account\": \"0x1111111111111111111111111111111111111111\", \"token\": \"0xZZ22222222222222222222222222222222222222\", \"amount\": \"1\"}]|error: entries[0].token must be a 0x-prefixed 20-byte hex address",
                "empty|[]|error: --input file ",
                "not json|[{\"account\": |error: --input file ",
            })
    void shouldRejectBadInputWithOneLineAndNoRoot(String what, String json, String message) throws Exception {
        Path file = input(json);
        CliRun run = CliRun.of("rewards", "tree", "--input", file.toString(), "--format", "json");
        assertThat(run.exitCode()).as(what).isEqualTo(2);
        assertThat(run.out()).as(what).isEmpty();
        assertThat(run.errorLines()).as(what).hasSize(1);
        assertThat(run.errorLines().getFirst()).as(what).startsWith(message).doesNotContain("Exception");
    }

    @Test
    void shouldNameTheEmptyListAndTheUnparseableFile() throws Exception {
        Path file = input("[]");
        assertThat(CliRun.of("rewards", "tree", "--input", file.toString()).errorLines())
                .containsExactly("error: --input file " + file + " is an empty list; a distribution needs at least one"
                        + " entry");
        input("{\"account\"");
        assertThat(CliRun.of("rewards", "tree", "--input", file.toString())
                        .errorLines()
                        .getFirst())
                .startsWith("error: --input file " + file + " is not valid JSON (line 1, column");
    }

    @Test
    void shouldSayWhenTheInputFileIsMissing() {
        CliRun run =
                CliRun.of("rewards", "tree", "--input", dir.resolve("nope.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).containsExactly("error: --input file " + dir.resolve("nope.json") + " not found");
    }
}
