package io.chaoschain.simulation.internal;

import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.Redaction;
import io.chaoschain.chains.RetryPolicy;
import java.time.Duration;

/** The chain clients a simulation talks through: the chain client's stack with the simulator's limits. */
public final class SimulationRpc {
    /**
     * One attempt per call, since resending {@code evm_mine} or {@code eth_sendTransaction} after a timeout would change
     * the fork, and two minutes per call: a fork answers traces and reads only after fetching remote state.
     */
    public static final RetryPolicy POLICY =
            RetryPolicy.defaults().withMaxAttempts(1).withCallTimeout(Duration.ofSeconds(120));

    private SimulationRpc() {}

    /**
     * A client of {@code rpcUrl}, named {@code name} in errors ({@code origin}, {@code fork}); the URL appears in messages
     * as {@link Redaction#origin} shows it, since users type these URLs with their keys. Connecting sends nothing.
     */
    public static EvmChainClient connect(String name, String rpcUrl) {
        return EvmChainClient.builder(name, rpcUrl)
                .retryPolicy(POLICY)
                .redaction(Redaction::origin)
                .connect();
    }
}
