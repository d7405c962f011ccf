package io.chaoschain.p2p.protocol;

import io.chaoschain.core.Service;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.P2pStream;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.internal.LengthPrefixed;
import io.chaoschain.p2p.pubsub.Gossipsub;
import io.chaoschain.p2p.pubsub.PubsubMessage;
import io.chaoschain.p2p.pubsub.ValidationResult;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.ECKeyPair;

/**
 * ChaosChain's protocols over libp2p: signed insights, proposal announcements and acks on their gossipsub topics, and
 * the {@value SimilarSolutions#PROTOCOL} request/response. Every gossip message is validated before it is delivered or
 * relayed: envelope version and kind, topic match, the agent's EIP-712 signature, a timestamp within the allowed skew,
 * the agent allow-list, replay of (agent, nonce), and a per-peer rate limit on relays. Invalid messages are REJECTed
 * (penalising the relaying peer's gossipsub score); rate-limited, stale or replayed ones are IGNOREd.
 */
public final class ChaosChainNetwork implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosChainNetwork.class);
    private static final List<String> TOPICS =
            List.of(ChaosMessage.INSIGHTS_TOPIC, ChaosMessage.PROPOSALS_TOPIC, ChaosMessage.ACKS_TOPIC);
    private static final int MAX_REPLAY_ENTRIES = 100_000;

    /**
     * A validated message with its author, the peer that published it, and the signed envelope it came in (so a
     * receiver can store it and anyone can re-verify the author later).
     */
    public record Received(
            ChaosMessage message, String agent, PeerId source, long timestampMillis, SignedEnvelope envelope) {}

    /**
     * @param maxClockSkew messages timestamped further than this from our clock are ignored
     * @param relayRatePerSecond per relaying peer, per topic
     * @param relayBurst bucket size for relays
     * @param queryRatePerSecond similar-solution queries answered per requesting peer
     * @param allowedAgent agent addresses whose messages are accepted (lower-case 0x...)
     */
    public record Config(
            Duration maxClockSkew,
            double relayRatePerSecond,
            double relayBurst,
            double queryRatePerSecond,
            Predicate<String> allowedAgent) {
        public static Config defaults() {
            return new Config(Duration.ofMinutes(2), 20, 100, 2, a -> true);
        }
    }

    private final Host host;
    private final Gossipsub gossipsub;
    private final ECKeyPair agentKey;
    private final TimeProvider time;
    private final Config config;
    private final SimilarSolutions.Provider provider;
    private final RateLimiter<String> relayLimiter;
    private final RateLimiter<PeerId> queryLimiter;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Boolean> replay =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
                    return size() > MAX_REPLAY_ENTRIES;
                }
            });
    private final List<Consumer<Received>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<String, AtomicLong> verdicts = new java.util.concurrent.ConcurrentHashMap<>();

    public ChaosChainNetwork(
            Host host,
            Gossipsub gossipsub,
            ECKeyPair agentKey,
            TimeProvider time,
            Config config,
            SimilarSolutions.Provider provider) {
        this.host = host;
        this.gossipsub = gossipsub;
        this.agentKey = agentKey;
        this.time = time;
        this.config = config;
        this.provider = provider;
        this.relayLimiter = new RateLimiter<>(config.relayRatePerSecond(), config.relayBurst(), time);
        this.queryLimiter =
                new RateLimiter<>(config.queryRatePerSecond(), Math.max(1, config.queryRatePerSecond() * 5), time);
    }

    /** Subscribes to the ChaosChain topics and serves similar-solution queries; on failure undoes what it did. */
    @Override
    public CompletableFuture<Void> start() {
        if (!running.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            for (String topic : TOPICS) {
                gossipsub.addValidator(topic, (source, m) -> count(validate(source, m)));
                gossipsub.subscribe(topic, this::deliver);
            }
            host.setStreamHandler(SimilarSolutions.PROTOCOL, this::serveSimilar);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            release();
            running.set(false);
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> stop() {
        if (running.compareAndSet(true, false)) {
            release();
        }
        return CompletableFuture.completedFuture(null);
    }

    private void release() {
        host.removeStreamHandler(SimilarSolutions.PROTOCOL);
        for (String topic : TOPICS) {
            try {
                gossipsub.unsubscribe(topic);
            } catch (IllegalStateException e) {
                LOG.debug("gossipsub already stopped; {} needs no unsubscribe", topic);
            }
        }
    }

    /**
     * Adds a listener for validated messages. Listeners run on the gossipsub delivery thread (see
     * {@link Gossipsub#subscribe}), not on the router thread, so storing a message there does not stall routing; they
     * still share that one thread, so they should not block for long.
     */
    public void onMessage(Consumer<Received> listener) {
        listeners.add(listener);
    }

    /** Signs {@code message} with the agent key and publishes it on its topic; returns the envelope sent. */
    public SignedEnvelope publish(ChaosMessage message) {
        SignedEnvelope env = SignedEnvelope.sign(message, agentKey, time.epochMillis(), random.nextLong());
        gossipsub.publish(message.topic(), env.encode());
        return env;
    }

    /** How many messages each validation verdict was given (ACCEPT, REJECT, IGNORE). */
    public Map<String, Long> verdictCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        verdicts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private ValidationResult count(ValidationResult r) {
        verdicts.computeIfAbsent(r.name(), k -> new AtomicLong()).incrementAndGet();
        return r;
    }

    ValidationResult validate(PeerId source, PubsubMessage m) {
        SignedEnvelope env;
        try {
            env = SignedEnvelope.decode(m.data() == null ? new byte[0] : m.data());
        } catch (MalformedMessageException e) {
            return ValidationResult.REJECT;
        }
        if (env.version() != SignedEnvelope.VERSION) {
            return ValidationResult.IGNORE; // a newer version we cannot judge: do not punish, do not relay
        }
        try {
            if (!ChaosMessage.topicOf(env.kind()).equals(m.topic())) {
                return ValidationResult.REJECT;
            }
            env.message();
        } catch (MalformedMessageException e) {
            return ValidationResult.REJECT;
        }
        if (!env.signatureValid()) {
            return ValidationResult.REJECT;
        }
        if (!config.allowedAgent().test(env.agent())) {
            return ValidationResult.REJECT;
        }
        if (Math.abs(time.epochMillis() - env.timestampMillis())
                > config.maxClockSkew().toMillis()) {
            return ValidationResult.IGNORE;
        }
        if (!relayLimiter.tryAcquire(source + m.topic())) {
            return ValidationResult.IGNORE;
        }
        if (replay.putIfAbsent(env.agent() + ":" + Long.toUnsignedString(env.nonce()), Boolean.TRUE) != null) {
            return ValidationResult.IGNORE;
        }
        return ValidationResult.ACCEPT;
    }

    private void deliver(PubsubMessage m) {
        SignedEnvelope env = SignedEnvelope.decode(m.data());
        Received r = new Received(env.message(), env.agent(), m.publisher().orElse(null), env.timestampMillis(), env);
        for (Consumer<Received> l : listeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                // one failing listener must not keep the message from the others
                LOG.warn("a listener failed on a {} from agent {}", r.message().kind(), r.agent(), e);
            }
        }
    }

    // ---- /chaoschain/similar/1.0.0 ----

    /** Asks {@code peer} for solutions similar to {@code query}. */
    public SimilarSolutions.Response querySimilar(PeerId peer, SimilarSolutions.Query query) throws IOException {
        P2pStream s = host.newStream(peer, List.of(SimilarSolutions.PROTOCOL));
        try {
            LengthPrefixed.write(s.out(), query.encode());
            s.closeWrite();
            byte[] reply = LengthPrefixed.read(s.in(), 256 * 1024);
            if (reply == null) {
                throw new IOException("peer " + peer + " closed without answering the similar-solutions query");
            }
            return SimilarSolutions.Response.decode(reply);
        } catch (MalformedMessageException e) {
            throw new IOException(
                    "peer " + peer + " sent a malformed similar-solutions response: " + e.getMessage(), e);
        } finally {
            s.close();
        }
    }

    private void serveSimilar(P2pStream s) throws IOException {
        try {
            SimilarSolutions.Response response;
            if (!queryLimiter.tryAcquire(s.remotePeer())) {
                response = new SimilarSolutions.Response(SimilarSolutions.Status.RATE_LIMITED, List.of());
            } else {
                byte[] req = LengthPrefixed.read(s.in(), 16 * 1024);
                SimilarSolutions.Query q;
                try {
                    q = req == null ? null : SimilarSolutions.Query.decode(req);
                } catch (MalformedMessageException e) {
                    q = null;
                }
                if (q == null) {
                    response = new SimilarSolutions.Response(SimilarSolutions.Status.BAD_REQUEST, List.of());
                } else {
                    SimilarSolutions.Query query = q;
                    List<SimilarSolutions.Solution> found = provider.findSimilar(query).stream()
                            .filter(sol -> sol.chainId() != query.excludeChainId())
                            .limit(query.limit())
                            .toList();
                    response = new SimilarSolutions.Response(SimilarSolutions.Status.OK, found);
                }
            }
            LengthPrefixed.write(s.out(), response.encode());
            s.out().flush();
        } finally {
            s.close();
        }
    }
}
