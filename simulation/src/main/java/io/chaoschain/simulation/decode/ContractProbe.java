package io.chaoschain.simulation.decode;

import io.chaoschain.chains.BlockRef;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.ChainUnavailableException;
import io.chaoschain.chains.RpcErrorException;
import java.math.BigInteger;

/**
 * Read-only questions {@link AbiResolver} asks about a call's target on the fork: its code, the answer of a view
 * call, the chain it is on. Implementations must not change state.
 */
public interface ContractProbe {
    /** The runtime code at {@code address} (0x-hex, "0x" when none). */
    String code(String address);

    /**
     * The return data of {@code eth_call} to {@code to} with {@code data}, or null when the call reverts or fails.
     */
    String call(String to, String data);

    /** The 32-byte storage word at {@code slot} (0x-hex), or null when it cannot be read. */
    String storage(String address, BigInteger slot);

    /** The chain id the target lives on (for registry look-ups). */
    long chainId();

    /** Reads {@code chain} at its latest block; reverts and RPC errors read as "no answer". */
    static ContractProbe of(ChainClient chain) {
        return new ContractProbe() {
            @Override
            public String code(String address) {
                try {
                    return chain.getCode(address, BlockRef.latest());
                } catch (RpcErrorException | ChainUnavailableException e) {
                    return "0x";
                }
            }

            @Override
            public String call(String to, String data) {
                try {
                    return chain.call(to, data, BlockRef.latest());
                } catch (RpcErrorException | ChainUnavailableException e) {
                    return null;
                }
            }

            @Override
            public String storage(String address, BigInteger slot) {
                try {
                    return chain.getStorageAt(address, slot, BlockRef.latest());
                } catch (RpcErrorException | ChainUnavailableException e) {
                    return null;
                }
            }

            @Override
            public long chainId() {
                return chain.chainId();
            }
        };
    }

    /** A probe that knows nothing: no code, every call fails; decoding then uses only the static layers. */
    ContractProbe NONE = new ContractProbe() {
        @Override
        public String code(String address) {
            return "0x";
        }

        @Override
        public String call(String to, String data) {
            return null;
        }

        @Override
        public String storage(String address, BigInteger slot) {
            return null;
        }

        @Override
        public long chainId() {
            return 0;
        }
    };
}
