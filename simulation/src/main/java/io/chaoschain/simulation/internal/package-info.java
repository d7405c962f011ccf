/** Implementation of the fork simulator: JSON-RPC plumbing, traffic windows, fork sessions, revert decoding. */
package io.chaoschain.simulation.internal;
