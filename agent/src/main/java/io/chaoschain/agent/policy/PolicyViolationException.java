package io.chaoschain.agent.policy;

/** A proposal or transaction the agent's policy forbids; it is never sent. */
public class PolicyViolationException extends RuntimeException {
    public PolicyViolationException(String message) {
        super(message);
    }
}
