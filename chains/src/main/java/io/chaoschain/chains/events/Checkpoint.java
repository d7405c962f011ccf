package io.chaoschain.chains.events;

import java.util.Optional;

/**
 * How far a monitor has delivered: every matching log up to and including {@code blockNumber} was handed to its
 * listener.
 *
 * @param blockHash the hash of that block when it was delivered, used after a restart to notice a reorg that
 *     happened while the node was down; empty when not known
 */
public record Checkpoint(long blockNumber, Optional<String> blockHash) {}
