package io.chaoschain.chains.tx;

import io.chaoschain.chains.BlockRef;
import io.chaoschain.chains.ChainClient;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out nonces per account so that concurrent senders never reuse or skip one. A {@link Reservation} holds the
 * account exclusively from choosing the nonce until the signed transaction has been accepted by the node, so
 * transactions reach the node in nonce order; waiting for receipts happens outside. Share one manager per chain
 * among everything that sends from the same accounts.
 *
 * <p>If transactions of an account are dropped from the chain (a reorg on a devnet, {@code evm_revert}, a node that
 * lost its pool), call {@link #invalidate} so the next nonce is re-read instead of leaving a gap.
 */
public final class NonceManager {
    private final ChainClient client;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    private static final class Account {
        final ReentrantLock lock = new ReentrantLock(true);
        BigInteger next; // null: unknown, read the pending count on next use
    }

    public NonceManager(ChainClient client) {
        this.client = client;
    }

    /** Waits for exclusive use of {@code address} and returns its next nonce. Close the reservation when done. */
    public Reservation reserve(String address) {
        Account account = accounts.computeIfAbsent(address.toLowerCase(Locale.ROOT), a -> new Account());
        account.lock.lock();
        try {
            if (account.next == null) {
                account.next = pendingCount(address);
            }
            return new Reservation(address, account);
        } catch (RuntimeException e) {
            account.lock.unlock();
            throw e;
        }
    }

    /** Forgets what is known about {@code address}; its next reservation reads the node's pending count. */
    public void invalidate(String address) {
        Account account = accounts.get(address.toLowerCase(Locale.ROOT));
        if (account != null) {
            account.lock.lock();
            try {
                account.next = null;
            } finally {
                account.lock.unlock();
            }
        }
    }

    /** Forgets every account's nonce, e.g. after the chain was reverted to a snapshot. */
    public void invalidateAll() {
        accounts.keySet().forEach(this::invalidate);
    }

    private BigInteger pendingCount(String address) {
        return client.getTransactionCount(address, BlockRef.pending());
    }

    /** Exclusive use of one account's next nonce. */
    public final class Reservation implements AutoCloseable {
        private final String address;
        private final Account account;
        private boolean done;

        private Reservation(String address, Account account) {
            this.address = address;
            this.account = account;
        }

        public BigInteger nonce() {
            return account.next;
        }

        /** The node accepted a transaction with {@link #nonce()}: the next reservation gets the following one. */
        public void commit() {
            check();
            account.next = account.next.add(BigInteger.ONE);
            done = true;
            account.lock.unlock();
        }

        /** The node rejected the nonce as used: re-reads the pending count and returns it as the new nonce. */
        public BigInteger resync() {
            check();
            account.next = pendingCount(address);
            return account.next;
        }

        /**
         * Releases the account. Without a {@link #commit()} the outcome is unknown (the node may or may not have the
         * transaction), so the next reservation re-reads the pending count.
         */
        @Override
        public void close() {
            if (!done) {
                done = true;
                account.next = null;
                account.lock.unlock();
            }
        }

        private void check() {
            if (done) {
                throw new IllegalStateException("reservation already closed");
            }
        }
    }
}
