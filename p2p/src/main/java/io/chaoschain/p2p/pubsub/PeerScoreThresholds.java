package io.chaoschain.p2p.pubsub;

/**
 * Score thresholds (gossipsub v1.1 "Score Thresholds"): below gossip no IHAVE/IWANT is exchanged, below publish our
 * own messages are not flooded to the peer, below graylist all its RPCs are ignored; PX is accepted only from peers
 * above acceptPX, and opportunistic grafting kicks in when the mesh median drops below opportunisticGraft.
 */
public record PeerScoreThresholds(
        double gossipThreshold,
        double publishThreshold,
        double graylistThreshold,
        double acceptPxThreshold,
        double opportunisticGraftThreshold) {

    public PeerScoreThresholds {
        if (!(graylistThreshold < publishThreshold && publishThreshold <= gossipThreshold && gossipThreshold <= 0)) {
            throw new IllegalArgumentException("need graylist < publish <= gossip <= 0");
        }
        if (acceptPxThreshold < 0 || opportunisticGraftThreshold < 0) {
            throw new IllegalArgumentException("acceptPX and opportunisticGraft thresholds must not be negative");
        }
    }

    public static PeerScoreThresholds defaults() {
        return new PeerScoreThresholds(-10, -50, -80, 10, 1);
    }
}
