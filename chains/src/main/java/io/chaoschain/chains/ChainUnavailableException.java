package io.chaoschain.chains;

/** Every RPC URL of a chain failed with an I/O error (refused, timed out, HTTP error) for all retry attempts. */
public class ChainUnavailableException extends ChainException {
    public ChainUnavailableException(String chain, String message, Throwable cause) {
        super(chain, message, cause);
    }
}
