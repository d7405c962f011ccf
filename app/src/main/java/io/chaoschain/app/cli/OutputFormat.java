package io.chaoschain.app.cli;

/** How list and show commands print: aligned text for people, JSON for scripts. */
public enum OutputFormat {
    text,
    json
}
