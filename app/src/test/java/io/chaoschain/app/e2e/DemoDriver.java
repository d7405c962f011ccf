package io.chaoschain.app.e2e;

import io.chaoschain.app.demo.DemoWorld;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.core.testing.Waiter;
import io.chaoschain.node.runtime.ChaosChainNode;
import io.chaoschain.storage.StoredProposal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Waits (through {@link Waiter}) for a node working against a demo world while moving the world's DAO along: votes,
 * blocks, time and traffic, at most once per {@link #PACE} as a live chain would. A timeout names what was awaited
 * and adds the node's progress or log.
 */
final class DemoDriver {
    /** The DAO moves at most this often, however often the condition is polled. */
    static final Duration PACE = Duration.ofMillis(200);

    private long nextStep = System.nanoTime();

    private DemoDriver() {}

    /** Moves every proposal the node has put on chain along until the node has nothing left to do. */
    static void runUntilIdle(DemoWorld world, ChaosChainNode node, Duration timeout, Supplier<String> details) {
        DemoDriver driver = new DemoDriver();
        waitFor("the node to go idle", timeout, details, () -> {
            if (node.isIdle()) {
                return Optional.of(true);
            }
            driver.stepWhenDue(() -> {
                for (StoredProposal p : node.database().stores().proposals().all()) {
                    if (p.onchainId() != null && p.state() != ProposalState.SUBMITTING) {
                        world.advance(p.onchainId(), p.state() == ProposalState.EXECUTED);
                    }
                }
            });
            return Optional.empty();
        });
    }

    /** Runs {@code step} at the pace until {@code process} has exited. */
    static void runUntilExit(
            Process process, Duration timeout, Supplier<String> details, Waiter.ThrowingRunnable step) {
        DemoDriver driver = new DemoDriver();
        waitFor("the node process to exit", timeout, details, () -> {
            if (!process.isAlive()) {
                return Optional.of(true);
            }
            driver.stepWhenDue(step);
            return Optional.empty();
        });
    }

    /** {@link Waiter#waitForValue}, adding {@code details} to the failure when it times out. */
    static <T> T waitFor(String what, Duration timeout, Supplier<String> details, Callable<Optional<T>> probe) {
        try {
            return Waiter.waitForValue(what, timeout, probe);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + details.get(), e);
        }
    }

    private void stepWhenDue(Waiter.ThrowingRunnable step) throws Exception {
        if (System.nanoTime() - nextStep < 0) {
            return;
        }
        try {
            step.run();
        } finally {
            nextStep = System.nanoTime() + PACE.toNanos();
        }
    }
}
