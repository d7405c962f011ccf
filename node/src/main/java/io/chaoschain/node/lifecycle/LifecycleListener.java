package io.chaoschain.node.lifecycle;

/** Receives the lifecycle's progress lines (the demo prints them; the node logs them). */
@FunctionalInterface
public interface LifecycleListener {
  void progress(String agent, String message);
}
