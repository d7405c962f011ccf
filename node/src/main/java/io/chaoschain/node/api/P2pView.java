package io.chaoschain.node.api;

/** The node's p2p state as the API shows it; values are serialized as JSON. */
public interface P2pView {
    /** This peer's ID and listen addresses, connected peers, and gossip validation verdict counts. */
    Object peers();

    /** Insights published and received, relevance decisions, and recorded cross-chain contributions. */
    Object insights();
}
