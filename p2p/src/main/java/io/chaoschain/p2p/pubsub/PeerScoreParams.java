package io.chaoschain.p2p.pubsub;

import io.chaoschain.p2p.PeerId;
import java.time.Duration;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Global score parameters P5-P7 and score bookkeeping (gossipsub v1.1 "The Score Function").
 *
 * @param topics per-topic parameters; topics not listed contribute nothing
 * @param topicScoreCap cap on the summed topic contribution (0 = none)
 * @param appSpecificScore P5, the application's opinion of a peer
 * @param ipColocationFactorThreshold P6: peers sharing an IP beyond this count are penalised
 * @param behaviourPenaltyThreshold P7: penalties above this count are squared and weighted
 * @param decayInterval how often counters decay
 * @param decayToZero counters below this snap to 0
 * @param retainScore how long the score of a disconnected peer is kept
 */
public record PeerScoreParams(
        Map<String, TopicScoreParams> topics,
        double topicScoreCap,
        ToDoubleFunction<PeerId> appSpecificScore,
        double appSpecificWeight,
        double ipColocationFactorWeight,
        double ipColocationFactorThreshold,
        double behaviourPenaltyWeight,
        double behaviourPenaltyThreshold,
        double behaviourPenaltyDecay,
        Duration decayInterval,
        double decayToZero,
        Duration retainScore) {

    public PeerScoreParams {
        topics = Map.copyOf(topics);
        if (ipColocationFactorWeight > 0 || behaviourPenaltyWeight > 0) {
            throw new IllegalArgumentException("P6 and P7 weights must not be positive");
        }
    }

    public static PeerScoreParams defaults(Map<String, TopicScoreParams> topics) {
        return new PeerScoreParams(
                topics, 0, p -> 0, 1.0, -10.0, 10, -10.0, 6, 0.9, Duration.ofSeconds(1), 0.01, Duration.ofMinutes(10));
    }

    public PeerScoreParams withAppSpecificScore(ToDoubleFunction<PeerId> score) {
        return new PeerScoreParams(
                topics,
                topicScoreCap,
                score,
                appSpecificWeight,
                ipColocationFactorWeight,
                ipColocationFactorThreshold,
                behaviourPenaltyWeight,
                behaviourPenaltyThreshold,
                behaviourPenaltyDecay,
                decayInterval,
                decayToZero,
                retainScore);
    }

    public PeerScoreParams withIpColocation(double weight, double threshold) {
        return new PeerScoreParams(
                topics,
                topicScoreCap,
                appSpecificScore,
                appSpecificWeight,
                weight,
                threshold,
                behaviourPenaltyWeight,
                behaviourPenaltyThreshold,
                behaviourPenaltyDecay,
                decayInterval,
                decayToZero,
                retainScore);
    }
}
