package io.chaoschain.node.lifecycle;

import io.chaoschain.node.store.StoredProposal;

/**
 * Sees the agent's latest proposal after every lifecycle tick and acts on the steps it reached (the node attests them
 * and anchors them in the ERC-8004 registries). Observing is idempotent: a step already handled, also before a
 * restart, is not handled again.
 */
public interface ProposalObserver {

  /** Handles whatever {@code proposal} reached that was not handled yet. */
  void observe(StoredProposal proposal) throws Exception;

  /** True when nothing is left to do for {@code proposal} in its current state. */
  boolean settled(StoredProposal proposal);

  ProposalObserver NONE = new ProposalObserver() {
    @Override
    public void observe(StoredProposal proposal) {}

    @Override
    public boolean settled(StoredProposal proposal) {
      return true;
    }
  };
}
