/**
 * Rewards for verified contributions: turns the reputation engine's attested contributions into reward epochs and
 * Merkle distributions paid on chain. It may import {@code core}, {@code chains} and {@code reputation}; {@code storage}
 * persists its epochs and {@code node} wires it. The module is the room the incentives subsystem is built in; it holds
 * no classes yet.
 */
package io.chaoschain.incentives;
