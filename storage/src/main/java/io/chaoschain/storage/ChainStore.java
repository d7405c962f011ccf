package io.chaoschain.storage;

import java.util.List;
import java.util.Optional;

/** The chains a node is configured to follow, kept so that data in other tables can be related to a chain id. */
public interface ChainStore {

    /** Inserts the chain or replaces its chain id and RPC URL. */
    void save(ChainRecord chain);

    Optional<ChainRecord> find(String name);

    /** All chains, by name. */
    List<ChainRecord> all();
}
