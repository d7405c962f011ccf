package io.chaoschain.storage;

import io.chaoschain.core.simulation.SimulationReport;
import java.util.List;
import java.util.Optional;

/** Fork simulation reports, each tied to the local proposal it was run for. */
public interface SimulationStore {

    /**
     * Stores a report.
     *
     * @throws java.util.NoSuchElementException when no proposal has {@code proposalId}
     */
    StoredSimulation record(long proposalId, String candidate, SimulationReport report, boolean passed);

    Optional<StoredSimulation> find(long id);

    /** The proposal's simulations in the order they were run. */
    List<StoredSimulation> forProposal(long proposalId);

    /** How many simulations were ever recorded. */
    long count();
}
