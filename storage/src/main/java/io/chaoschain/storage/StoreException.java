package io.chaoschain.storage;

/** A database failure that is not the caller's fault (I/O, corrupt row, lost connection). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
