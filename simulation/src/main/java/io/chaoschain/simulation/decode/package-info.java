/** Decoding calldata and event logs against the bundled contract ABIs and standard fragments. */
package io.chaoschain.simulation.decode;
