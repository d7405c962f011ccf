package io.chaoschain.simulation.evidence;

/**
 * The fork around one proposal's execution: read it at {@link #preBlock()} (state before the proposal, after any
 * earlier proposals of a batch) or {@link #postBlock()} (after it).
 */
public interface ForkView extends ChainReader {
    /** The fork block the source chain was forked at. */
    long forkBlock();

    /** The last block before this proposal's first action. */
    long preBlock();

    /** The block of this proposal's last executed action. */
    long postBlock();
}
