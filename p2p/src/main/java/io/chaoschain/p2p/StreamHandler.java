package io.chaoschain.p2p;

import java.io.IOException;

/**
 * Serves inbound streams of one protocol. Each stream gets its own virtual thread, owned by the {@link Host} (never
 * the connection's reader thread), so a handler may block on its stream or on slow work without stalling other
 * streams; the host interrupts it when stopping. It owns the stream: it must close or reset it, or hand it to
 * something that will. A thrown exception resets the stream.
 */
@FunctionalInterface
public interface StreamHandler {
    void handle(P2pStream stream) throws IOException;
}
