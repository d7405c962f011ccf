package io.chaoschain.chains.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.ChainEndpoints;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.keys.DevAccounts;
import io.chaoschain.core.testing.StubTimeProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3jService;

class TransactionSenderTest {

    @Test
    void shouldPollForTheReceiptAtTheConfiguredIntervalAndGiveUpAtTheTimeout() {
        StubTimeProvider clock = StubTimeProvider.startingAt(Instant.parse("2025-01-01T00:00:00Z"));
        List<Duration> sleeps = new ArrayList<>();
        io.chaoschain.chains.Sleeper sleeper = d -> {
            sleeps.add(d);
            clock.advance(d);
        };
        Web3jService rpc = io.chaoschain.chains.FakeRpcs.answering(31337, "eth_getTransactionReceipt", null);
        try (ChainClient client = EvmChainClient.builder(ChainEndpoints.of("devnet", 31337, "http://a:1"))
                .transports(url -> rpc)
                .connect()) {
            TransactionSender sender = new TransactionSender(
                    client,
                    DevAccounts.signer(0),
                    new NonceManager(client),
                    RevertDecoder.standard(),
                    TransactionSender.Options.defaults()
                            .withReceiptPolling(Duration.ofMillis(100), Duration.ofSeconds(1)),
                    sleeper,
                    clock);

            assertThatThrownBy(() -> sender.awaitReceipt("0x" + "ab".repeat(32)))
                    .isInstanceOf(TransactionTimeoutException.class)
                    .hasMessageContaining("was not mined within 1000 ms");
            assertThat(sleeps).hasSize(10).containsOnly(Duration.ofMillis(100));
        }
    }
}
