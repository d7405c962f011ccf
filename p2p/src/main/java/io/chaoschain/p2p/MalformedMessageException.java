package io.chaoschain.p2p;

/**
 * A peer sent bytes that do not decode (bad varint, truncated protobuf, length above a limit). Raised before any
 * allocation sized by the untrusted length, so a hostile peer cannot make a decoder allocate more than its limit.
 */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
