package io.chaoschain.chains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The chain client's generic JSON-RPC: {@code send}, {@code batch} and clients of unconfigured URLs. */
class EvmChainClientRawRpcTest {
    private static final RetryPolicy ONE_ATTEMPT =
            new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), 0, Duration.ofMillis(500));
    private static final String REVERT_DATA = "0x08c379a0" + "0".repeat(56) + "20";

    private static EvmChainClient client(FakeRpc rpc) {
        return EvmChainClient.builder("fork", "http://127.0.0.1:8545")
                .retryPolicy(ONE_ATTEMPT)
                .transports(url -> rpc)
                .connect();
    }

    @Test
    void shouldSendAnyMethodAndReturnItsResultAsATreeWithJsonNullAsANullNode() {
        FakeRpc rpc = new FakeRpc(31337)
                .answer("evm_snapshot", "0x1")
                .answer("eth_getTransactionReceipt", (Object) null)
                .answer("anvil_nodeInfo", Map.of("network", "devnet"));
        try (ChainClient client = client(rpc)) {
            assertThat(client.send("evm_snapshot").asText()).isEqualTo("0x1");
            assertThat(client.send("eth_getTransactionReceipt", "0xab").isNull())
                    .isTrue();
            assertThat(client.send("anvil_nodeInfo").path("network").asText()).isEqualTo("devnet");
            assertThatThrownBy(() -> client.send("anvil_mine", "0x1"))
                    .isInstanceOf(RpcErrorException.class)
                    .hasMessage("chain 'fork': anvil_mine failed: Method not found (code -32601)");
        }
    }

    @Test
    void shouldAnswerABatchInCallOrderWhateverOrderTheNodeAnswersIn() {
        FakeRpc rpc = new FakeRpc(31337)
                .answer("eth_blockNumber", "0x2a")
                .answer("eth_getBalance", "0x64")
                .answer("eth_call", new FakeRpc.RpcError(3, "execution reverted", REVERT_DATA));
        try (ChainClient client = client(rpc)) {
            List<RpcResult> results = client.batch(List.of(
                    RpcCall.of("eth_blockNumber"),
                    RpcCall.of("eth_call", Map.of("to", "0x01", "data", "0x"), "latest"),
                    RpcCall.of("no_such_method"),
                    RpcCall.of("eth_getBalance", "0x02", "latest")));

            assertThat(results).hasSize(4);
            assertThat(results.get(0).orThrow().asText()).isEqualTo("0x2a");
            assertThat(results.get(1).error()).isInstanceOf(CallRevertedException.class);
            assertThat(((CallRevertedException) results.get(1).error()).revertData())
                    .isEqualTo(REVERT_DATA);
            assertThat(results.get(2).ok()).isFalse();
            assertThat(results.get(2).error()).hasMessageContaining("no_such_method failed: Method not found");
            assertThat(results.get(3).value().asText()).isEqualTo("0x64");
            assertThat(rpc.batchSizes).containsExactly(4);
        }
    }

    @Test
    void shouldSplitLongBatchesIntoRequestsOfAtMostOneHundredCalls() {
        FakeRpc rpc = new FakeRpc(31337).answer("eth_getCode", params -> params.getFirst());
        try (ChainClient client = client(rpc)) {
            List<RpcCall> calls = IntStream.range(0, 250)
                    .mapToObj(i -> RpcCall.of("eth_getCode", "0x" + i, "latest"))
                    .toList();

            List<String> codes = client.batch(calls).stream()
                    .map(RpcResult::orThrow)
                    .map(JsonNode::asText)
                    .toList();

            assertThat(codes)
                    .isEqualTo(IntStream.range(0, 250).mapToObj(i -> "0x" + i).toList());
            assertThat(rpc.batchSizes).containsExactly(100, 100, 50);
            assertThat(client.batch(List.of())).isEmpty();
        }
    }

    @Test
    void shouldFailAWholeBatchWhenTheNodeCannotBeReached() {
        FakeRpc rpc = new FakeRpc(31337);
        try (ChainClient client = client(rpc)) {
            rpc.down = true;

            assertThatThrownBy(() -> client.batch(List.of(RpcCall.of("eth_blockNumber"))))
                    .isInstanceOf(ChainUnavailableException.class)
                    .hasMessage("chain 'fork': cannot reach any RPC URL (http://127.0.0.1:8545 : connection refused)");
        }
    }

    @Test
    void shouldSendNothingOnConnectToAnUnconfiguredUrlAndAskItsChainIdOnce() {
        FakeRpc rpc = new FakeRpc(8453);
        try (ChainClient client = client(rpc)) {
            assertThat(rpc.calls).isEmpty();

            assertThat(client.chainId()).isEqualTo(8453);
            assertThat(client.chainId()).isEqualTo(8453);
            assertThat(rpc.count("eth_chainId")).isEqualTo(1);
        }
    }

    @Test
    void shouldShowUnconfiguredUrlsAsTheChosenRedactionShowsThem() {
        FakeRpc rpc = new FakeRpc(1);
        try (ChainClient client = EvmChainClient.builder("origin", "https://rpc.example.org/v2/short-key")
                .retryPolicy(ONE_ATTEMPT)
                .redaction(Redaction::origin)
                .transports(url -> rpc)
                .connect()) {
            rpc.down = true;

            assertThatThrownBy(client::blockNumber)
                    .hasMessage(
                            "chain 'origin': cannot reach any RPC URL (https://rpc.example.org/… : connection refused)");
        }
    }
}
