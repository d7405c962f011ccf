package io.chaoschain.node.p2p;

import io.chaoschain.agent.insight.InsightRelevance;
import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.core.Service;
import io.chaoschain.p2p.protocol.SimilarSolutions;
import io.chaoschain.storage.InsightStore;
import io.chaoschain.storage.InsightStore.Direction;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /chaoschain/similar/1.0.0} from this node's published insights, most similar first. It needs only the
 * insight store and the relevance model, so it is built before the network that serves it. The work (a database read
 * and one embedding per insight) runs on this responder's own thread, which also loads the embedding model at start;
 * the network's stream waits for the answer at most {@link #ANSWER_TIMEOUT}.
 */
public final class SimilarInsights implements SimilarSolutions.Provider, Service {
    private static final Logger LOG = LoggerFactory.getLogger(SimilarInsights.class);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final InsightStore store;
    private final InsightRelevance relevance;
    private final Worker worker = new Worker("similar-insights");

    public SimilarInsights(InsightStore store, InsightRelevance relevance) {
        this.store = store;
        this.relevance = relevance;
    }

    @Override
    public String name() {
        return "similar-insights";
    }

    /** Loads the embedding model now (a second or two), not when a peer first asks. */
    @Override
    public CompletableFuture<Void> start() {
        worker.execute(() -> {
            try {
                relevance.similarity("warm up", "the embedding model");
            } catch (RuntimeException e) {
                LOG.warn("loading the embedding model failed", e);
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> stop() {
        worker.stop(Duration.ofSeconds(5));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<SimilarSolutions.Solution> findSimilar(SimilarSolutions.Query query) {
        Future<List<SimilarSolutions.Solution>> answer;
        try {
            answer = worker.submit(() -> solutions(query));
        } catch (RejectedExecutionException e) {
            return List.of(); // stopping
        }
        try {
            return answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(false);
            LOG.debug(
                    "a similar-solutions query took longer than {} s; answering with none", ANSWER_TIMEOUT.toSeconds());
            return List.of();
        } catch (InterruptedException e) {
            answer.cancel(false);
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("answering a similar-solutions query failed", e.getCause());
        }
    }

    /** This node's published insights on {@code query}'s symptom, most similar to its description first. */
    List<SimilarSolutions.Solution> solutions(SimilarSolutions.Query query) {
        return store.byDirection(Direction.PUBLISHED).stream()
                .filter(i -> i.insight().symptom().equals(query.category()))
                .map(i -> {
                    double similarity = query.description().isBlank()
                            ? 0
                            : Math.max(
                                    0,
                                    relevance.similarity(
                                            query.description(), i.insight().summary()));
                    SharedInsight s = i.insight();
                    return new SimilarSolutions.Solution(
                            s.sourceChainId(),
                            s.id(),
                            s.parameter() + " x"
                                    + s.ratio().stripTrailingZeros().toPlainString() + " via " + s.functionSignature(),
                            s.summary(),
                            similarity,
                            HexFormat.of().parseHex(i.envelopeHex()));
                })
                .sorted(Comparator.comparingDouble(SimilarSolutions.Solution::similarity)
                        .reversed())
                .limit(query.limit())
                .toList();
    }
}
