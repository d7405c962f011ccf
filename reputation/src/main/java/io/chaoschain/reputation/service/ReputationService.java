package io.chaoschain.reputation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chaoschain.core.Json;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.attestation.AttestationJson;
import io.chaoschain.reputation.attestation.AttestationRequest;
import io.chaoschain.reputation.attestation.AttestationVerifier;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.attestation.Verification;
import io.chaoschain.reputation.mapping.Contributions;
import io.chaoschain.reputation.scoring.ContributionEvent;
import io.chaoschain.reputation.scoring.CredRankReputationEngine;
import io.chaoschain.reputation.scoring.Domain;
import io.chaoschain.reputation.scoring.FeedbackEvent;
import io.chaoschain.reputation.scoring.RankedAgent;
import io.chaoschain.reputation.scoring.ReputationEngine;
import io.chaoschain.reputation.scoring.ReputationLog;
import io.chaoschain.reputation.scoring.ReputationScores;
import io.chaoschain.reputation.scoring.ScoreExplanation;
import io.chaoschain.reputation.scoring.ScoreTerm;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent reputation on top of the node's store: records verified attestations and chain feedback, computes scores with
 * the CredRank engine from the whole stored log (so the same log and time always give the same scores), keeps the
 * current scores and their history in the store, and serves profiles and leaderboards through a {@link ScoreCache}.
 *
 * <p>Every stored event triggers a recomputation; the cache is invalidated once the new scores are saved, so a reader
 * never caches scores older than the newest event. Thread-safe: writes and recomputations are serialized.
 *
 * <p>Cost: a recomputation reads the whole log, so recording is cheap for a node's own history (thousands of events:
 * milliseconds) but takes seconds per event at a million events (about 20 s measured by bench/reputation-api.sh on a
 * loaded 2-CPU machine). Reads never wait for it beyond the store's own locking.
 */
public final class ReputationService {
    private static final Logger LOG = LoggerFactory.getLogger(ReputationService.class);
    public static final int MAX_LIMIT = 1_000;
    private static final int HISTORY_LIMIT = 1_000;

    private final ReputationRepository repository;
    private final ScoreCache cache;
    private final ReputationEngine engine;
    private final AttestationVerifier verifier;
    private final TimeProvider time;
    private final Set<String> trustedAttesters;
    private final Object writeLock = new Object();
    private volatile ReputationScores latest;

    /**
     * @param trustedAttesters signer addresses whose attestations are accepted; empty accepts any valid signature
     */
    public ReputationService(
            ReputationRepository repository,
            ScoreCache cache,
            ReputationEngine engine,
            TimeProvider time,
            Set<String> trustedAttesters) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.time = Objects.requireNonNull(time, "time");
        this.verifier = new AttestationVerifier(time);
        Set<String> lower = new HashSet<>();
        trustedAttesters.forEach(a -> lower.add(a.toLowerCase(Locale.ROOT)));
        this.trustedAttesters = Set.copyOf(lower);
    }

    /** Default scoring, any signer accepted. */
    public ReputationService(ReputationRepository repository, ScoreCache cache, TimeProvider time) {
        this(repository, cache, new CredRankReputationEngine(), time, Set.of());
    }

    public ScoreCache cache() {
        return cache;
    }

    /**
     * Verifies {@code attestation} (UID, EIP-712 signature, expiry, trusted signer), decodes its contribution record and
     * stores it; then recomputes the scores. Recording an attestation already stored changes nothing.
     *
     * @throws InvalidAttestationException naming what is wrong when it is refused
     */
    public Recorded record(OffchainAttestation attestation) {
        Objects.requireNonNull(attestation, "attestation");
        if (verifier.verify(attestation) instanceof Verification.Invalid invalid) {
            throw new InvalidAttestationException("error: attestation " + attestation.uid() + " is invalid: "
                    + invalid.reason() + " (" + invalid.detail() + ")");
        }
        if (!trustedAttesters.isEmpty()
                && !trustedAttesters.contains(attestation.signer().toLowerCase(Locale.ROOT))) {
            throw new InvalidAttestationException("error: attestation " + attestation.uid() + " is signed by "
                    + attestation.signer() + ", which is not one of the trusted attesters (reputation.attesters)");
        }
        String contributionSchema = ContributionRecord.schemaId(
                        AttestationRequest.ZERO_ADDRESS, attestation.revocable())
                .value();
        if (!attestation.schema().equalsIgnoreCase(contributionSchema)) {
            throw new InvalidAttestationException("error: attestation " + attestation.uid() + " uses schema "
                    + attestation.schema() + ", not the ChaosChain contribution schema " + contributionSchema + " ("
                    + ContributionRecord.SCHEMA + ")");
        }
        ContributionRecord record;
        try {
            record = ContributionRecord.decode(attestation.data());
        } catch (UserFacingException e) {
            throw new InvalidAttestationException(
                    "error: attestation " + attestation.uid() + " data: "
                            + e.getMessage().replaceFirst("^error: ", ""),
                    e);
        }
        Domain domain = ReputationMapping.domainOf(record);
        String agentId = ReputationMapping.agentKey(record.chain(), record.agentId());
        AttestationEntry entry = new AttestationEntry(
                attestation.uid(),
                attestation.signer(),
                attestation.recipient(),
                agentId,
                attestation.schema(),
                Instant.ofEpochSecond(attestation.time()),
                record.kind().code(),
                domain,
                record.subject(),
                record.value(),
                record.valueDecimals(),
                AttestationJson.write(attestation));
        boolean stored;
        synchronized (writeLock) {
            stored = repository.appendAttestation(entry);
            if (stored) {
                recompute(Set.of(new Cell(agentId, domain)));
            }
        }
        LOG.debug(
                "attestation {} for {} ({}) {}",
                entry.uid(),
                agentId,
                entry.kind(),
                stored ? "recorded" : "already known");
        return new Recorded(entry.uid(), agentId, domain.toString(), entry.kind(), stored);
    }

    /** {@link #record(OffchainAttestation)} for the EAS off-chain JSON of an attestation. */
    public Recorded record(String signedJson) {
        OffchainAttestation attestation;
        try {
            attestation = AttestationJson.read(signedJson);
        } catch (UserFacingException e) {
            throw new InvalidAttestationException(e.getMessage(), e);
        }
        return record(attestation);
    }

    /** Stores an ERC-8004 {@code NewFeedback} event and recomputes; false (and no change) when already stored. */
    public boolean recordFeedback(NewFeedback event) {
        Domain domain = ReputationMapping.feedbackDomain(event.chainId(), event.tag1(), event.tag2());
        synchronized (writeLock) {
            boolean stored = repository.appendFeedback(event, domain);
            if (stored) {
                recompute(Set.of(new Cell(event.agentKey(), domain)));
            }
            return stored;
        }
    }

    /** Stores an ERC-8004 {@code FeedbackRevoked} event and recomputes; false (and no change) when already stored. */
    public boolean recordRevocation(FeedbackRevoked event) {
        synchronized (writeLock) {
            boolean stored = repository.appendRevocation(event);
            if (stored) {
                recompute(
                        Set.of(new Cell(event.agentKey(), ReputationMapping.feedbackDomain(event.chainId(), "", ""))));
            }
            return stored;
        }
    }

    /** Declares that reviews from {@code address} are given by agent {@code agentId}, and recomputes. */
    public void linkReviewer(String address, String agentId) {
        synchronized (writeLock) {
            repository.linkReviewer(address, agentId);
            recompute(Set.of());
        }
    }

    /** Recomputes every score from the stored log, saves them and snapshots every score in the history. */
    public RebuildResult rebuild() {
        synchronized (writeLock) {
            return recompute(null);
        }
    }

    /**
     * Recomputes the scores as of now without adding history (scores decay with time even when no event arrives): the
     * node calls this at start, and an operator may call it periodically.
     */
    public RebuildResult refresh() {
        synchronized (writeLock) {
            return recompute(Set.of());
        }
    }

    /** The agent's scores per domain with their breakdown; an unknown agent has an empty profile. */
    public AgentProfile profile(String agentId) {
        String key = "profile:" + agentId;
        ScoreCache.Lookup cached = cache.get(key);
        if (cached.json() != null) {
            return read(cached.json(), AgentProfile.class);
        }
        AgentProfile profile = computeProfile(agentId, scores());
        cache.put(cached.generation(), key, Json.write(profile));
        return profile;
    }

    /** The agent's score history, oldest first (at most the latest 1,000 snapshots); {@code domain} null for all. */
    public List<ScoreSnapshot> history(String agentId, Domain domain) {
        return repository.history(agentId, domain, HISTORY_LIMIT);
    }

    /** The best {@code limit} agents in {@code domain}, or over all domains when {@code domain} is null. */
    public Leaderboard leaderboard(Domain domain, int limit) {
        return read(leaderboardJson(domain, limit), Leaderboard.class);
    }

    /**
     * {@link #leaderboard} as the JSON the API serves, straight from the cache when it holds it (the hot path: no
     * database access, no re-serialization).
     */
    public String leaderboardJson(Domain domain, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new UserFacingException("error: limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        String name = domain == null ? Leaderboard.ALL : domain.toString();
        String key = "leaderboard:" + name + ":" + limit;
        ScoreCache.Lookup cached = cache.get(key);
        if (cached.json() != null) {
            return cached.json();
        }
        String json = Json.write(computeLeaderboard(domain, name, limit));
        cache.put(cached.generation(), key, json);
        return json;
    }

    /** Leaderboard straight from the store, bypassing the cache (what a cache miss costs). */
    public Leaderboard leaderboardUncached(Domain domain, int limit) {
        return computeLeaderboard(domain, domain == null ? Leaderboard.ALL : domain.toString(), limit);
    }

    private Leaderboard computeLeaderboard(Domain domain, String name, int limit) {
        long scoresGeneration = repository.scoresGeneration().orElse(0);
        List<RankedAgent> ranked;
        if (scoresGeneration == 0 && latest == null && repository.counts().total() > 0) {
            // events but no saved scores (a store the node never scored, read by the CLI): rank in memory
            ReputationScores scores = scores();
            ranked = domain == null ? overall(scores) : scores.ranking(domain);
            ranked = ranked.subList(0, Math.min(limit, ranked.size()));
        } else {
            ranked = domain == null ? repository.overallLeaderboard(limit) : repository.leaderboard(domain, limit);
        }
        List<Leaderboard.Entry> entries = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            entries.add(new Leaderboard.Entry(
                    i + 1, ranked.get(i).agentId(), ranked.get(i).score()));
        }
        return new Leaderboard(name, scoresGeneration, entries);
    }

    private static List<RankedAgent> overall(ReputationScores scores) {
        List<RankedAgent> out = new ArrayList<>();
        for (String agent : scores.agents()) {
            out.add(new RankedAgent(agent, scores.score(agent)));
        }
        out.sort(java.util.Comparator.comparing(RankedAgent::score).reversed().thenComparing(RankedAgent::agentId));
        return out;
    }

    private AgentProfile computeProfile(String agentId, ReputationScores scores) {
        List<AgentProfile.DomainScore> domains = new ArrayList<>();
        for (Domain domain : scores.domains()) {
            ScoreExplanation explanation = scores.explain(agentId, domain);
            if (explanation.terms().isEmpty() && explanation.score().signum() == 0) {
                continue;
            }
            Map<String, int[]> counts = new TreeMap<>();
            Map<String, BigDecimal> points = new TreeMap<>();
            int reviews = 0;
            Set<String> reviewers = new HashSet<>();
            BigDecimal feedbackPoints = BigDecimal.ZERO.setScale(ReputationScores.SCALE);
            for (ScoreTerm term : explanation.terms()) {
                switch (term) {
                    case ScoreTerm.Contribution c -> {
                        String kind = c.event().kind().name();
                        counts.computeIfAbsent(kind, k -> new int[1])[0]++;
                        points.merge(kind, c.value(), BigDecimal::add);
                    }
                    case ScoreTerm.Feedback f -> {
                        reviews++;
                        reviewers.add(f.event().reviewer());
                        feedbackPoints = feedbackPoints.add(f.value());
                    }
                }
            }
            Map<String, AgentProfile.Part> parts = new TreeMap<>();
            counts.forEach((kind, n) -> parts.put(kind, new AgentProfile.Part(n[0], points.get(kind))));
            int rank = 1
                    + (int) scores.ranking(domain).stream()
                            .takeWhile(r -> !r.agentId().equals(agentId))
                            .count();
            domains.add(new AgentProfile.DomainScore(
                    domain.toString(),
                    explanation.score(),
                    rank,
                    parts,
                    new AgentProfile.FeedbackPart(reviews, reviewers.size(), feedbackPoints)));
        }
        return new AgentProfile(
                agentId, scores.score(agentId), domains, repository.attestationCount(agentId), scores.asOf());
    }

    /** The latest computed scores, computing them (without saving) when this service has none yet. */
    private ReputationScores scores() {
        ReputationScores current = latest;
        if (current != null) {
            return current;
        }
        synchronized (writeLock) {
            if (latest == null) {
                latest = engine.score(loadLog(), time.now());
            }
            return latest;
        }
    }

    /**
     * Scores the whole log as of now, saves the scores with snapshots of {@code changed} (every cell when null), then
     * invalidates the cache. Caller holds the write lock.
     */
    private RebuildResult recompute(Set<Cell> changed) {
        long started = System.nanoTime();
        ReputationLog log = loadLog();
        Instant asOf = time.now();
        ReputationScores scores = engine.score(log, asOf);
        List<ScoreRow> rows = new ArrayList<>();
        List<ScoreRow> snapshot = new ArrayList<>();
        for (Domain domain : scores.domains()) {
            for (RankedAgent ranked : scores.ranking(domain)) {
                ScoreRow row = new ScoreRow(ranked.agentId(), domain, ranked.score());
                rows.add(row);
                if (changed == null || changed.contains(new Cell(ranked.agentId(), domain))) {
                    snapshot.add(row);
                }
            }
        }
        long generation = repository.scoresGeneration().orElse(0) + 1;
        repository.saveScores(generation, asOf, rows, snapshot);
        latest = scores;
        cache.invalidate();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.debug(
                "reputation generation {}: {} scores from {} events in {} ms",
                generation,
                rows.size(),
                log.contributions().size() + log.feedback().size(),
                took.toMillis());
        return new RebuildResult(
                generation,
                rows.size(),
                log.contributions().size(),
                log.feedback().size(),
                took);
    }

    private ReputationLog loadLog() {
        List<ContributionEvent> contributions = new ArrayList<>();
        repository.forEachContribution(fact -> Contributions.scoringKind(fact.kind(), fact.value())
                .ifPresent(kind ->
                        contributions.add(new ContributionEvent(fact.agentId(), fact.domain(), kind, fact.at()))));
        List<FeedbackEvent> feedback = new ArrayList<>();
        repository.forEachFeedback(feedback::add);
        return new ReputationLog(contributions, feedback, repository.reviewerAgents());
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cached " + type.getSimpleName() + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** An agent's score in a domain, as a key. */
    private record Cell(String agentId, Domain domain) {}

    /**
     * What a recomputation did.
     *
     * @param scores how many (agent, domain) scores were saved
     */
    public record RebuildResult(long generation, int scores, int contributions, int feedback, Duration took) {}
}
