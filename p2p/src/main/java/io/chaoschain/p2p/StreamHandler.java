package io.chaoschain.p2p;

import java.io.IOException;

/**
 * Serves inbound streams of one protocol. Runs on its own virtual thread and owns the stream: it must close or reset
 * it, or hand it to something that will. A thrown exception resets the stream.
 */
@FunctionalInterface
public interface StreamHandler {
  void handle(P2pStream stream) throws IOException;
}
