package io.chaoschain.simulation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcChainReaderTest {
    @Test
    void shouldPinStateReadsAndLogQueriesToTheirBlock() {
        assertThat(RpcChainReader.blockOf("eth_getCode", "0xabc", "0x1cb7")).isEqualTo(7351);
        assertThat(RpcChainReader.blockOf("eth_call", Map.of("to", "0xabc", "data", "0x"), "0x10"))
                .isEqualTo(16);
        assertThat(RpcChainReader.blockOf("eth_getStorageAt", "0xabc", "0x0", "0x5"))
                .isEqualTo(5);
        assertThat(RpcChainReader.blockOf("eth_getLogs", Map.of("fromBlock", "0x1", "toBlock", "0x20")))
                .isEqualTo(32);
        assertThat(RpcChainReader.blockOf("eth_getBlockByNumber", "0x7", false)).isEqualTo(7);
    }

    @Test
    void shouldLeaveLatestAndUnpinnedReadsOnTheFork() {
        assertThat(RpcChainReader.blockOf("eth_getCode", "0xabc", "latest")).isEqualTo(-1);
        assertThat(RpcChainReader.blockOf("eth_getTransactionReceipt", "0x" + "ab".repeat(32)))
                .isEqualTo(-1);
        assertThat(RpcChainReader.blockOf("debug_traceTransaction", "0x" + "ab".repeat(32), Map.of()))
                .isEqualTo(-1);
    }
}
