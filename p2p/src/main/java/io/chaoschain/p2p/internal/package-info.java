/**
 * The p2p module's implementation detail: wire codecs (varints, length prefixes, protobuf, base32/base58,
 * multistream-select, identify) and the upgrade of a TCP socket to a Noise-secured yamux connection. Only the p2p
 * module may use it.
 */
package io.chaoschain.p2p.internal;
