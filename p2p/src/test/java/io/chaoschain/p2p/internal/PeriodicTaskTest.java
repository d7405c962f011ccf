package io.chaoschain.p2p.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chaoschain.core.testing.Waiter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PeriodicTaskTest {
    private final Logger log = (Logger) LoggerFactory.getLogger(PeriodicTaskTest.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private PeriodicTask task;

    @BeforeEach
    void captureLog() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop(Duration.ofSeconds(5));
        }
        log.detachAppender(logged);
    }

    @Test
    void shouldKeepLoopingAfterARoundThrowsAndLogTheStackTrace() {
        AtomicInteger rounds = new AtomicInteger();
        task = new PeriodicTask(
                "test-maintenance",
                Duration.ofMillis(10),
                () -> {
                    if (rounds.incrementAndGet() == 1) {
                        throw new IllegalStateException("first round breaks");
                    }
                },
                log);
        task.start();

        Waiter.waitFor("two rounds after the failing one", Duration.ofSeconds(10), () -> task.completedRounds() >= 2);
        assertThat(task.isRunning()).isTrue();
        assertThat(task.failedRounds()).isEqualTo(1);
        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("test-maintenance round failed");
            assertThat(e.getThrowableProxy()).as("the stack trace is logged").isNotNull();
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("first round breaks");
        });
    }

    @Test
    void stopShouldEndTheThreadAndAllowAStartAgain() {
        AtomicInteger rounds = new AtomicInteger();
        task = new PeriodicTask("test-maintenance", Duration.ofMillis(10), rounds::incrementAndGet, log);
        task.start();
        Waiter.waitFor("a first round", Duration.ofSeconds(10), () -> rounds.get() >= 1);

        assertThat(task.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(task.isRunning()).isFalse();

        task.start();
        int before = rounds.get();
        Waiter.waitFor("a round after restarting", Duration.ofSeconds(10), () -> rounds.get() > before);
    }
}
