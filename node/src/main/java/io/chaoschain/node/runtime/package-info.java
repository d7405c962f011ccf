/**
 * Assembling and running a node: {@link io.chaoschain.node.runtime.ChaosChainNode} opens storage ({@link
 * io.chaoschain.node.runtime.NodeStorage}), connects one client per chain, starts one proposal lifecycle per agent and
 * the API, and stops them in reverse. {@code chaoschain node} and {@code chaoschain demo} both run through here.
 */
package io.chaoschain.node.runtime;
