/**
 * The p2p module's implementation detail: the libp2p Noise XX handshake (X25519, ChaChaPoly, SHA-256) and the
 * encrypted transport session that follows it. Only the p2p module may use it.
 */
package io.chaoschain.p2p.internal.noise;
