package io.chaoschain.storage;

import io.chaoschain.core.metrics.MarketSnapshot;

/** A stored market snapshot together with the chain it was read from. */
public record ChainSnapshot(String chain, MarketSnapshot snapshot) {}
