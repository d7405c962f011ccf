package io.chaoschain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
    @TempDir
    Path dir;

    @Test
    void shouldCreateAnOwnerOnlyIdentityFileAndLoadTheSameIdentityBack() throws Exception {
        Path file = dir.resolve("keys/node.key");
        NodeIdentity created = NodeIdentity.loadOrCreate(file, null);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        NodeIdentity loaded = NodeIdentity.loadOrCreate(file, null);
        assertThat(loaded.peerId()).isEqualTo(created.peerId());
        assertThat(loaded.peerId().toBase58()).startsWith("12D3KooW");
    }

    @Test
    void shouldEncryptTheKeyAtRestAndRequireThePassphrase() throws Exception {
        Path file = dir.resolve("node.key");
        NodeIdentity id = NodeIdentity.generate();
        id.save(file, "correct horse".toCharArray(), 10);
        byte[] raw = Files.readAllBytes(file);
        assertThat(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(id.privateKey().raw(), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(NodeIdentity.load(file, "correct horse".toCharArray()).peerId())
                .isEqualTo(id.peerId());
        assertThatThrownBy(() -> NodeIdentity.load(file, "wrong".toCharArray()))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("wrong passphrase");
        assertThatThrownBy(() -> NodeIdentity.load(file, null))
                .hasMessageContaining("supply the node identity passphrase");
    }

    @Test
    void shouldRejectAFileThatIsNotAnIdentity() throws Exception {
        Path file = dir.resolve("other");
        Files.writeString(file, "hello");
        assertThatThrownBy(() -> NodeIdentity.load(file, null))
                .hasMessageContaining("not a ChaosChain node identity file");
    }
}
