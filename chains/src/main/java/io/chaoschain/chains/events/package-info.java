/**
 * Reorg-safe delivery of confirmed contract events: {@link io.chaoschain.chains.events.ConfirmedEventMonitor} hands
 * logs to a {@link io.chaoschain.chains.events.LogListener} once they are deep enough, and resumes after a restart
 * from the {@link io.chaoschain.chains.events.Checkpoint} a {@link io.chaoschain.chains.events.CheckpointStore} kept.
 */
package io.chaoschain.chains.events;
