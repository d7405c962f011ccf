package io.chaoschain.node.reputation;

import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.LogEntry;
import io.chaoschain.chains.LogFilter;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.reputation.attestation.AttestationVerifier;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.service.AttestationArchive;
import io.chaoschain.reputation.service.ReputationSink;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a node's reputation inputs from their sources of truth: the signed attestation files (each verified again;
 * an invalid one is skipped and counted) and the reputation registry's feedback events on chain. Feeding the result
 * into an empty sink gives the same log, hence the same scores, as the live node built.
 */
public final class ReputationRebuild {
    private static final int RANGE = 2_000;

    /** What a rebuild fed into the sink. */
    public record Result(int attestations, int rejected, int feedback, int revocations) {}

    private ReputationRebuild() {}

    /**
     * Feeds every valid attestation in {@code archive} and every {@code NewFeedback} / {@code FeedbackRevoked} event of
     * {@code reputationRegistry} in blocks [fromBlock, toBlock] into {@code sink}.
     */
    public static Result rebuild(
            AttestationArchive archive,
            ChainClient client,
            String reputationRegistry,
            long fromBlock,
            long toBlock,
            ReputationSink sink,
            TimeProvider clock) {
        AttestationVerifier verifier = new AttestationVerifier(clock);
        int accepted = 0;
        int rejected = 0;
        for (OffchainAttestation a : archive.readAll()) {
            if (verifier.verify(a).valid()) {
                sink.record(a);
                accepted++;
            } else {
                rejected++;
            }
        }
        int feedback = 0;
        int revocations = 0;
        LogFilter template = LogFilter.of(
                fromBlock,
                Math.max(fromBlock, toBlock),
                List.of(reputationRegistry),
                List.of(FeedbackEvents.NEW_FEEDBACK_TOPIC, FeedbackEvents.FEEDBACK_REVOKED_TOPIC));
        Map<Long, Instant> blockTimes = new HashMap<>();
        for (long from = fromBlock; from <= toBlock; from += RANGE) {
            for (LogEntry log : client.getLogs(template.withRange(from, Math.min(toBlock, from + RANGE - 1)))) {
                Instant at = blockTimes.computeIfAbsent(
                        log.blockNumber(),
                        n -> client.blockHeader(n).orElseThrow().timestamp());
                if (log.topic0().equalsIgnoreCase(FeedbackEvents.NEW_FEEDBACK_TOPIC)) {
                    sink.recordFeedback(FeedbackEvents.decodeFeedback(client.chainId(), log, at));
                    feedback++;
                } else {
                    sink.recordRevocation(FeedbackEvents.decodeRevocation(client.chainId(), log, at));
                    revocations++;
                }
            }
        }
        return new Result(accepted, rejected, feedback, revocations);
    }
}
