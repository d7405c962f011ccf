package io.chaoschain.node.reputation;

import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.LogEntry;
import io.chaoschain.chains.events.LogListener;
import io.chaoschain.reputation.service.ChainTime;
import io.chaoschain.reputation.service.ReputationSink;
import java.time.Instant;

/**
 * Feeds the reputation registry's confirmed {@code NewFeedback} and {@code FeedbackRevoked} events (from a
 * reorg-safe {@link io.chaoschain.chains.events.ConfirmedEventMonitor}) into the {@link ReputationSink}, stamped with
 * their block's timestamp. Delivery is at least once; the sink dedupes by (chain, tx, log index).
 */
public final class FeedbackListener implements LogListener {
    private final ChainClient client;
    private final ReputationSink sink;
    private final ChainTime time;

    public FeedbackListener(ChainClient client, ReputationSink sink, ChainTime time) {
        this.client = client;
        this.sink = sink;
        this.time = time;
    }

    @Override
    public void onLog(LogEntry log) {
        Instant at = client.blockHeader(log.blockNumber())
                .orElseThrow(() ->
                        new IllegalStateException("block " + log.blockNumber() + " of a confirmed log is missing"))
                .timestamp();
        time.observe(at);
        if (log.topic0().equalsIgnoreCase(FeedbackEvents.NEW_FEEDBACK_TOPIC)) {
            sink.recordFeedback(FeedbackEvents.decodeFeedback(client.chainId(), log, at));
        } else if (log.topic0().equalsIgnoreCase(FeedbackEvents.FEEDBACK_REVOKED_TOPIC)) {
            sink.recordRevocation(FeedbackEvents.decodeRevocation(client.chainId(), log, at));
        }
    }
}
