package io.chaoschain.node.cli;

/** How list and show commands print: aligned text for people, JSON for scripts. */
public enum OutputFormat {
  text,
  json
}
