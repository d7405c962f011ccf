package io.chaoschain.node.runtime;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.lifecycle.Listeners;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What every wiring step of a node may use: the configuration, the clock, the meter registry the API exposes, who
 * hears from the node, and how the node reaches what lives outside the process. One per node, immutable.
 *
 * @param listeners where progress lines and proposal milestones go (beyond the node's own parts)
 * @param connectors how chains, the database and the score cache are opened (tests substitute fakes)
 */
public record NodeContext(
        NodeConfig config,
        TimeProvider time,
        PrometheusMeterRegistry registry,
        Listeners listeners,
        Connectors connectors) {

    public NodeContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(connectors, "connectors");
    }

    /** A node of {@code config} on the system clock, with a fresh meter registry and the real connectors. */
    public static NodeContext of(NodeConfig config, Listeners listeners) {
        return new NodeContext(
                config,
                TimeProvider.system(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                listeners,
                Connectors.real());
    }

    /** This context reaching the outside world through {@code other}. */
    public NodeContext withConnectors(Connectors other) {
        return new NodeContext(config, time, registry, listeners, other);
    }

    /** Where the node keeps its files: database, attestations, API token, p2p identity. */
    public Path dataDir() {
        return config.dataDir();
    }
}
