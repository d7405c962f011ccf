package io.chaoschain.core.simulation;

/** A simulation could not run (fork failed, chain unreadable); distinct from a proposal that reverts. */
public class SimulationException extends RuntimeException {
    public SimulationException(String message) {
        super(message);
    }

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
