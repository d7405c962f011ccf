/**
 * libp2p identity keys as the peer-ids spec defines them: Ed25519 and secp256k1 private and public keys, their
 * protobuf marshalling (from which peer IDs derive) and signatures. Key material never shows in {@code toString()}.
 */
package io.chaoschain.p2p.crypto;
