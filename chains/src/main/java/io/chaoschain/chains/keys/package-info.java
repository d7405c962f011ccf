/** Transaction signing keys: encrypted V3 keystores, password sources and devnet accounts. */
package io.chaoschain.chains.keys;
