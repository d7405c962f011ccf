/** Reorg-safe delivery of confirmed contract events with durable checkpoints. */
package io.chaoschain.chains.events;
