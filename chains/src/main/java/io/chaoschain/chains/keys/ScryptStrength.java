package io.chaoschain.chains.keys;

/** The cost of the scrypt key derivation that protects a keystore file. */
public enum ScryptStrength {
    /** n = 262144, p = 1: the geth/web3j standard; about a second and 256 MiB to unlock. Use for real keys. */
    STANDARD,
    /** n = 4096, p = 6: fast; for devnets, demos and tests only. */
    LIGHT
}
