/**
 * The node's persistent state: {@link io.chaoschain.storage.Database} opens an embedded H2 file or a PostgreSQL
 * server and migrates it with Flyway, and {@link io.chaoschain.storage.Stores} gathers the JDBC stores on it
 * (chains, agents, proposals, votes, simulations, metrics, insights, checkpoints and the reputation repository).
 * {@link io.chaoschain.storage.RedisScoreCache} shares reputation views between processes of one store.
 */
package io.chaoschain.storage;
