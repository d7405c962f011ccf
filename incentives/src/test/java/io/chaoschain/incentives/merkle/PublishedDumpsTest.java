package io.chaoschain.incentives.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dumps published in OpenZeppelin's merkle-tree repository load, verify and rebuild byte for byte. */
class PublishedDumpsTest {

    static String resource(String name) throws IOException {
        try (InputStream in = PublishedDumpsTest.class.getResourceAsStream("/merkle/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @ParameterizedTest
    @CsvSource({"standard-v1.sorted.1_0_6.json, true", "standard-v1.unsorted.1_0_6.json, false"})
    void shouldLoadThePublishedDumpAndRebuildItExactly(String file, boolean sorted) throws IOException {
        String published = resource(file);
        StandardMerkleTree loaded = StandardMerkleTree.load(published);
        assertThat(loaded.dump()).isEqualTo(published);

        List<List<Object>> values = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            values.add(loaded.value(i));
        }
        StandardMerkleTree rebuilt = StandardMerkleTree.of(values, loaded.encoding(), sorted);
        assertThat(rebuilt.dump()).isEqualTo(published);
        for (int i = 0; i < loaded.size(); i++) {
            assertThat(StandardMerkleTree.verify(loaded.root(), loaded.encoding(), values.get(i), loaded.proof(i)))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({"standard-v1.sorted.1_0_6.json", "standard-v1.unsorted.1_0_6.json"})
    void shouldRejectTheDumpOnceANodeIsChanged(String file) throws IOException {
        String published = resource(file);
        StandardMerkleTree loaded = StandardMerkleTree.load(published);
        String node = loaded.nodesHex().get(3);
        String tampered = published.replace(node, node.substring(0, 65) + (node.endsWith("0") ? "1" : "0"));
        assertThatThrownBy(() -> StandardMerkleTree.load(tampered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tree[");
    }

    @ParameterizedTest
    @CsvSource({"standard-v1.sorted.1_0_6.json"})
    void shouldRejectTheDumpOnceAValueIsChanged(String file) throws IOException {
        String tampered = resource(file).replace("[\"c\"]", "[\"z\"]");
        assertThatThrownBy(() -> StandardMerkleTree.load(tampered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not hash to");
    }

    @ParameterizedTest
    @CsvSource({"standard-v1.sorted.1_0_6.json"})
    void shouldRejectAnUnknownFormat(String file) throws IOException {
        String other = resource(file).replace("standard-v1", "simple-v1");
        assertThatThrownBy(() -> StandardMerkleTree.load(other))
                .hasMessageContaining("unknown Merkle tree dump format");
    }
}
