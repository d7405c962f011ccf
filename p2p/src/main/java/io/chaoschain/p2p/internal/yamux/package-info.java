/**
 * The p2p module's implementation detail: yamux 1.0 stream multiplexing with credit-based flow control over one
 * secure channel. Only the p2p module may use it.
 */
package io.chaoschain.p2p.internal.yamux;
