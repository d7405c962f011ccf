package io.chaoschain.app.demo;

import io.chaoschain.chains.ChainClient;
import java.math.BigInteger;
import org.web3j.utils.Numeric;

/**
 * The handful of Anvil cheat methods the demo's scripted world uses (never used against a real chain), sent through the
 * world's chain client.
 */
final class AnvilRpc {
    private final ChainClient client;

    AnvilRpc(ChainClient client) {
        this.client = client;
    }

    void setBalance(String address, BigInteger wei) {
        client.send("anvil_setBalance", address, Numeric.toHexStringWithPrefix(wei));
    }

    void increaseTime(long seconds) {
        client.send("evm_increaseTime", seconds);
        mine(1);
    }

    void mine(long blocks) {
        client.send("anvil_mine", Numeric.toHexStringWithPrefix(BigInteger.valueOf(blocks)));
    }
}
