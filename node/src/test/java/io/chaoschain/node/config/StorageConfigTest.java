package io.chaoschain.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code storage} and {@code reputation} sections of node.yaml. */
class StorageConfigTest {
    @TempDir
    Path dir;

    private NodeConfig load(String extra) throws Exception {
        return ConfigLoader.load(Files.writeString(dir.resolve("node.yaml"), MinimalConfig.YAML + extra));
    }

    @Test
    void shouldDefaultToTheEmbeddedDatabaseAndAnInProcessCache() throws Exception {
        NodeConfig config = load("");

        assertThat(config.storage().isPostgres()).isFalse();
        assertThat(config.reputation().redis()).isNull();
        assertThat(config.reputation().attesters()).isEmpty();
    }

    @Test
    void shouldReadPostgresStorageAndRedis() throws Exception {
        NodeConfig config = load("""
        storage:
          url: postgresql://db.internal:5432/chaoschain
          user: node
          passwordEnv: NODE_DB_PASSWORD
        reputation:
          redis: redis://cache.internal:6379
          attesters: ["0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"]
        """);

        assertThat(config.storage())
                .isEqualTo(new NodeConfig.StorageConfig(
                        "postgresql://db.internal:5432/chaoschain", "node", "NODE_DB_PASSWORD"));
        assertThat(config.reputation().redis()).isEqualTo("redis://cache.internal:6379");
        assertThat(config.reputation().attesters()).hasSize(1);
    }

    @Test
    void shouldUseTheDefaultPasswordVariableWhenNoneIsNamed() throws Exception {
        NodeConfig config = load("storage: {url: \"jdbc:postgresql://localhost/cc\", user: node}\n");

        assertThat(config.storage().passwordEnv()).isEqualTo("CHAOSCHAIN_DB_PASSWORD");
    }

    @Test
    void shouldRejectBadStorageAndReputationSettingsNamingTheKey() {
        assertThatThrownBy(() -> load("storage: {url: \"mysql://localhost/cc\", user: node}\n"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("storage.url must look like postgresql://");
        assertThatThrownBy(() -> load("storage: {url: \"postgresql://localhost/cc\"}\n"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("storage.user is required");
        assertThatThrownBy(() -> load("storage: {url: \"postgresql://u:secret@localhost/cc\", user: u}\n"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> load("storage: {user: node}\n"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("storage.url is required");
        assertThatThrownBy(() -> load("storage: {url: \"postgresql://localhost/cc\", user: node, password: x}\n"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("storage.password is not a known setting");
        assertThatThrownBy(() -> load("reputation: {redis: \"localhost:6379\"}\n"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("reputation.redis must be a URL");
        assertThatThrownBy(() -> load("reputation: {attesters: [\"0x12\"]}\n"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("reputation.attesters[0]");
    }

    @Test
    void shouldKeepThePasswordOutOfTheTargetsText() {
        var target = new io.chaoschain.storage.PostgresTarget("postgresql://localhost/cc", "node", "hunter2");
        assertThat(target.toString()).doesNotContain("hunter2").contains("***");
        assertThat(List.of(target.url(), target.jdbcUrl())).noneMatch(s -> s.contains("hunter2"));
    }
}
