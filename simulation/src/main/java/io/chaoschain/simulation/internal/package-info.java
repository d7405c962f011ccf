/**
 * The simulation module's implementation detail: JSON-RPC plumbing, fork sessions and traffic windows, proposal
 * loading, the Governor path, evidence collection, revert decoding, canonical JSON and report writing. Only the
 * simulation module may use it.
 */
package io.chaoschain.simulation.internal;
