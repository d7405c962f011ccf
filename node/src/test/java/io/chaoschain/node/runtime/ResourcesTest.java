package io.chaoschain.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void shouldCloseEveryResourceOnceNewestFirstAlsoWhenOneFailsOrCloseIsCalledAgain() {
        List<String> closed = new ArrayList<>();
        Resources resources = new Resources();
        resources.own("database", () -> closed.add("database"));
        resources.own("cache", () -> {
            closed.add("cache");
            throw new IllegalStateException("cache is gone");
        });
        resources.own("clients", () -> closed.add("clients"));

        resources.close();
        resources.close();

        assertThat(closed).containsExactly("clients", "cache", "database");
    }
}
