package io.chaoschain.p2p.pubsub;

import java.time.Duration;

/**
 * Gossipsub router parameters (gossipsub v1.0 "Parameters" and v1.1 additions), defaults as in the spec and the
 * reference implementations.
 *
 * @param d desired mesh degree D
 * @param dLow lower bound Dlo: below it the heartbeat grafts
 * @param dHigh upper bound Dhi: above it the heartbeat prunes
 * @param dLazy minimum number of peers to gossip (IHAVE) to
 * @param dScore peers kept by score when pruning an oversubscribed mesh
 * @param dOut outbound-connection quota in the mesh
 * @param heartbeatInterval time between heartbeats
 * @param fanoutTtl how long fanout state for an unsubscribed topic lives after our last publish
 * @param mcacheLength heartbeats of history kept in the message cache
 * @param mcacheGossip heartbeats of history advertised in IHAVE
 * @param seenTtl how long message IDs are remembered to drop duplicates
 * @param pruneBackoff backoff after a PRUNE before re-grafting
 * @param unsubscribeBackoff backoff announced when pruning because we left a topic
 * @param graftFloodThreshold a GRAFT this soon after our PRUNE earns an extra penalty
 * @param gossipFactor fraction of non-mesh peers to gossip to (if more than dLazy)
 * @param gossipRetransmission how many times one peer may IWANT the same message
 * @param maxIHaveLength message IDs accepted (and advertised) per peer per heartbeat
 * @param maxIHaveMessages IHAVE messages accepted per peer per heartbeat
 * @param iwantFollowupTime how long a peer has to deliver a message it advertised before it is penalised
 * @param opportunisticGraftTicks heartbeats between opportunistic grafting rounds
 * @param opportunisticGraftPeers peers grafted per opportunistic round
 * @param prunePeers peers offered in peer exchange on PRUNE
 * @param floodPublish send own messages to every topic peer above the publish threshold, not only the mesh
 * @param maxMessageSize larger messages are dropped
 * @param maxPendingRpcsPerPeer outbound RPCs queued for a slow peer before further ones are dropped
 * @param maxPendingDeliveries validated messages queued for local subscribers (all topics together) before further
 *     ones are not delivered locally (they are still relayed); see {@link Gossipsub#subscribe}
 */
public record GossipsubParams(
        int d,
        int dLow,
        int dHigh,
        int dLazy,
        int dScore,
        int dOut,
        Duration heartbeatInterval,
        Duration fanoutTtl,
        int mcacheLength,
        int mcacheGossip,
        Duration seenTtl,
        Duration pruneBackoff,
        Duration unsubscribeBackoff,
        Duration graftFloodThreshold,
        double gossipFactor,
        int gossipRetransmission,
        int maxIHaveLength,
        int maxIHaveMessages,
        Duration iwantFollowupTime,
        int opportunisticGraftTicks,
        int opportunisticGraftPeers,
        int prunePeers,
        boolean floodPublish,
        int maxMessageSize,
        int maxPendingRpcsPerPeer,
        int maxPendingDeliveries) {

    public GossipsubParams {
        if (!(dLow <= d && d <= dHigh)) {
            throw new IllegalArgumentException(
                    "gossipsub needs Dlo <= D <= Dhi, got " + dLow + ", " + d + ", " + dHigh);
        }
        if (dOut >= dLow || dOut > d / 2) {
            throw new IllegalArgumentException("gossipsub needs Dout < Dlo and Dout <= D/2, got Dout=" + dOut);
        }
        if (mcacheGossip > mcacheLength) {
            throw new IllegalArgumentException("mcacheGossip must not exceed mcacheLength");
        }
        if (maxPendingDeliveries < 1) {
            throw new IllegalArgumentException("maxPendingDeliveries must be at least 1, got " + maxPendingDeliveries);
        }
    }

    public static GossipsubParams defaults() {
        return new GossipsubParams(
                6,
                5,
                12,
                6,
                4,
                2,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                5,
                3,
                Duration.ofMinutes(2),
                Duration.ofMinutes(1),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                0.25,
                3,
                5000,
                10,
                Duration.ofSeconds(3),
                60,
                2,
                16,
                true,
                1 << 20,
                1024,
                4096);
    }

    public GossipsubParams withDegree(int dLo, int dDesired, int dHi) {
        return new GossipsubParams(
                dDesired,
                dLo,
                dHi,
                dLazy,
                Math.min(dScore, dDesired),
                Math.min(dOut, Math.max(0, Math.min(dLo - 1, dDesired / 2))),
                heartbeatInterval,
                fanoutTtl,
                mcacheLength,
                mcacheGossip,
                seenTtl,
                pruneBackoff,
                unsubscribeBackoff,
                graftFloodThreshold,
                gossipFactor,
                gossipRetransmission,
                maxIHaveLength,
                maxIHaveMessages,
                iwantFollowupTime,
                opportunisticGraftTicks,
                opportunisticGraftPeers,
                prunePeers,
                floodPublish,
                maxMessageSize,
                maxPendingRpcsPerPeer,
                maxPendingDeliveries);
    }

    public GossipsubParams withHeartbeatInterval(Duration interval) {
        return new GossipsubParams(
                d,
                dLow,
                dHigh,
                dLazy,
                dScore,
                dOut,
                interval,
                fanoutTtl,
                mcacheLength,
                mcacheGossip,
                seenTtl,
                pruneBackoff,
                unsubscribeBackoff,
                graftFloodThreshold,
                gossipFactor,
                gossipRetransmission,
                maxIHaveLength,
                maxIHaveMessages,
                iwantFollowupTime,
                opportunisticGraftTicks,
                opportunisticGraftPeers,
                prunePeers,
                floodPublish,
                maxMessageSize,
                maxPendingRpcsPerPeer,
                maxPendingDeliveries);
    }

    public GossipsubParams withFloodPublish(boolean flood) {
        return new GossipsubParams(
                d,
                dLow,
                dHigh,
                dLazy,
                dScore,
                dOut,
                heartbeatInterval,
                fanoutTtl,
                mcacheLength,
                mcacheGossip,
                seenTtl,
                pruneBackoff,
                unsubscribeBackoff,
                graftFloodThreshold,
                gossipFactor,
                gossipRetransmission,
                maxIHaveLength,
                maxIHaveMessages,
                iwantFollowupTime,
                opportunisticGraftTicks,
                opportunisticGraftPeers,
                prunePeers,
                flood,
                maxMessageSize,
                maxPendingRpcsPerPeer,
                maxPendingDeliveries);
    }

    public GossipsubParams withMaxPendingDeliveries(int max) {
        return new GossipsubParams(
                d,
                dLow,
                dHigh,
                dLazy,
                dScore,
                dOut,
                heartbeatInterval,
                fanoutTtl,
                mcacheLength,
                mcacheGossip,
                seenTtl,
                pruneBackoff,
                unsubscribeBackoff,
                graftFloodThreshold,
                gossipFactor,
                gossipRetransmission,
                maxIHaveLength,
                maxIHaveMessages,
                iwantFollowupTime,
                opportunisticGraftTicks,
                opportunisticGraftPeers,
                prunePeers,
                floodPublish,
                maxMessageSize,
                maxPendingRpcsPerPeer,
                max);
    }
}
