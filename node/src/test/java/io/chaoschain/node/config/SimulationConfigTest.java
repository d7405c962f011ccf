package io.chaoschain.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code simulation} section of node.yaml. */
class SimulationConfigTest {
    @TempDir
    Path dir;

    private NodeConfig load(String extra) throws Exception {
        return ConfigLoader.load(Files.writeString(dir.resolve("node.yaml"), MinimalConfig.YAML + extra));
    }

    @Test
    void shouldPickTheForkCountAutomaticallyWhenNotSet() throws Exception {
        assertThat(load("").simulation().parallelForks()).isZero();
    }

    @Test
    void shouldReadTheParallelForkCount() throws Exception {
        assertThat(load("simulation:\n  parallelForks: 3\n").simulation().parallelForks())
                .isEqualTo(3);
    }

    @Test
    void shouldRejectANegativeForkCountOrAnUnknownKeyNamingIt() {
        assertThatThrownBy(() -> load("simulation:\n  parallelForks: -1\n"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("simulation.parallelForks");
        assertThatThrownBy(() -> load("simulation:\n  forks: 2\n"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("simulation.forks");
    }

    @Test
    void shouldKeepNoWarmForksUnlessAsked() throws Exception {
        assertThat(load("").simulation().warmForks()).isZero();
        assertThat(load("simulation:\n  warmForks: 2\n").simulation().warmForks())
                .isEqualTo(2);
    }

    @Test
    void shouldRejectAWarmForkCountOutOfRangeNamingIt() {
        assertThatThrownBy(() -> load("simulation:\n  warmForks: 17\n"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("simulation.warmForks");
    }
}
