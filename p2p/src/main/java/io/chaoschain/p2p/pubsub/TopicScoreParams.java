package io.chaoschain.p2p.pubsub;

import java.time.Duration;

/**
 * Per-topic score parameters P1-P4 (gossipsub v1.1 "The Score Function"). Weights for P3, P3b and P4 must be
 * negative, the others positive; decays are per decay interval in (0, 1).
 */
public record TopicScoreParams(
        double topicWeight,
        double timeInMeshWeight,
        Duration timeInMeshQuantum,
        double timeInMeshCap,
        double firstMessageDeliveriesWeight,
        double firstMessageDeliveriesDecay,
        double firstMessageDeliveriesCap,
        double meshMessageDeliveriesWeight,
        double meshMessageDeliveriesDecay,
        double meshMessageDeliveriesCap,
        double meshMessageDeliveriesThreshold,
        Duration meshMessageDeliveriesWindow,
        Duration meshMessageDeliveriesActivation,
        double meshFailurePenaltyWeight,
        double meshFailurePenaltyDecay,
        double invalidMessageDeliveriesWeight,
        double invalidMessageDeliveriesDecay) {

    public TopicScoreParams {
        if (topicWeight < 0 || timeInMeshWeight < 0 || firstMessageDeliveriesWeight < 0) {
            throw new IllegalArgumentException("topic, P1 and P2 weights must not be negative");
        }
        if (meshMessageDeliveriesWeight > 0 || meshFailurePenaltyWeight > 0 || invalidMessageDeliveriesWeight > 0) {
            throw new IllegalArgumentException("P3, P3b and P4 weights must not be positive");
        }
        if (timeInMeshQuantum.isZero() || timeInMeshQuantum.isNegative()) {
            throw new IllegalArgumentException("timeInMeshQuantum must be positive");
        }
    }

    /** A reasonable profile for a topic carrying a few messages per minute. */
    public static TopicScoreParams defaults() {
        return new TopicScoreParams(
                1.0,
                0.01,
                Duration.ofSeconds(1),
                3600,
                1.0,
                0.5,
                100,
                -1.0,
                0.5,
                100,
                0,
                Duration.ofMillis(100),
                Duration.ofSeconds(30),
                -1.0,
                0.5,
                -100.0,
                0.3);
    }

    public TopicScoreParams withMeshDeliveries(double weight, double threshold, Duration activation) {
        return new TopicScoreParams(
                topicWeight,
                timeInMeshWeight,
                timeInMeshQuantum,
                timeInMeshCap,
                firstMessageDeliveriesWeight,
                firstMessageDeliveriesDecay,
                firstMessageDeliveriesCap,
                weight,
                meshMessageDeliveriesDecay,
                meshMessageDeliveriesCap,
                threshold,
                meshMessageDeliveriesWindow,
                activation,
                meshFailurePenaltyWeight,
                meshFailurePenaltyDecay,
                invalidMessageDeliveriesWeight,
                invalidMessageDeliveriesDecay);
    }
}
