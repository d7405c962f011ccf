package io.chaoschain.chains;

/** A chain could not answer a request: unreachable, or the node returned an error. */
public class ChainException extends RuntimeException {
    private final String chain;

    public ChainException(String chain, String message, Throwable cause) {
        super("chain '" + chain + "': " + message, cause);
        this.chain = chain;
    }

    public ChainException(String chain, String message) {
        this(chain, message, null);
    }

    /** The configured name of the chain. */
    public String chain() {
        return chain;
    }
}
