/**
 * What a proposal simulation establishes, as safety checks read it: the proposal, each action's call tree, state
 * diff, decoded logs, token and permission changes, proxies, and read-only access to the fork and the source chain.
 */
package io.chaoschain.simulation.evidence;
