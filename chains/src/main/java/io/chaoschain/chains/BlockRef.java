package io.chaoschain.chains;

/** Which block a read is made at. */
public sealed interface BlockRef {

    /** The head block. */
    record Latest() implements BlockRef {}

    /** The pending block: includes transactions in the node's pool (used for nonces). */
    record Pending() implements BlockRef {}

    /** A block by number. */
    record Number(long number) implements BlockRef {
        public Number {
            if (number < 0) {
                throw new IllegalArgumentException("block number must not be negative");
            }
        }
    }

    static BlockRef latest() {
        return new Latest();
    }

    static BlockRef pending() {
        return new Pending();
    }

    static BlockRef at(long number) {
        return new Number(number);
    }

    /** The JSON-RPC parameter: "latest", "pending" or a hex quantity. */
    default String toRpcParam() {
        return switch (this) {
            case Latest l -> "latest";
            case Pending p -> "pending";
            case Number n -> "0x" + Long.toHexString(n.number());
        };
    }
}
