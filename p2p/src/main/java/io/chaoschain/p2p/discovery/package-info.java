/**
 * Finding and keeping peers: Kademlia peer routing ({@link io.chaoschain.p2p.discovery.KadDht} over a {@link
 * io.chaoschain.p2p.discovery.RoutingTable}, FIND_NODE only) and the {@link
 * io.chaoschain.p2p.discovery.ConnectionManager} that trims connections back between its watermarks.
 */
package io.chaoschain.p2p.discovery;
