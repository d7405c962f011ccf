/**
 * A libp2p host over TCP: {@link io.chaoschain.p2p.Host} listens and dials, secures connections with Noise,
 * multiplexes them with yamux and serves identify and ping; {@link io.chaoschain.p2p.PeerId}, {@link
 * io.chaoschain.p2p.Multiaddr}, {@link io.chaoschain.p2p.NodeIdentity} and {@link io.chaoschain.p2p.Peerstore} name
 * and remember peers. Protocols run on it as {@link io.chaoschain.p2p.StreamHandler}s over {@link
 * io.chaoschain.p2p.P2pStream}s.
 */
package io.chaoschain.p2p;
