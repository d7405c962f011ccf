package io.chaoschain.p2p.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class OwnedThreadsTest {

    @Test
    void shutdownShouldInterruptThreadsThatDoNotEndWithinTheGracePeriod() {
        OwnedThreads threads = new OwnedThreads("test");
        CountDownLatch never = new CountDownLatch(1);
        Thread blocked = threads.start("blocked", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                // stopped
            }
        });
        assertThat(threads.activeCount()).isEqualTo(1);

        assertThat(threads.shutdown(Duration.ofMillis(50), Duration.ofSeconds(5)))
                .isEmpty();
        assertThat(blocked.isAlive()).isFalse();
        assertThat(threads.activeCount()).isZero();
    }

    @Test
    void shouldRefuseNewThreadsOnceShutDown() {
        OwnedThreads threads = new OwnedThreads("test");
        threads.shutdown(Duration.ZERO, Duration.ZERO);
        assertThatThrownBy(() -> threads.start("late", () -> {}))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("test is stopped");
        assertThat(threads.activeCount()).isZero();
    }

    @Test
    void shutdownFromOneOfItsOwnThreadsShouldNotWaitForItself() throws Exception {
        OwnedThreads threads = new OwnedThreads("test");
        CountDownLatch done = new CountDownLatch(1);
        threads.start("self-stopping", () -> {
            threads.shutdown(Duration.ofSeconds(5), Duration.ofSeconds(5));
            done.countDown();
        });
        assertThat(done.await(2, java.util.concurrent.TimeUnit.SECONDS))
                .as("shutdown returned without waiting 5 s")
                .isTrue();
    }
}
