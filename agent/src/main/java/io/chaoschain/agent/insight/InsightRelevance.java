package io.chaoschain.agent.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether an insight from another chain applies to the local agent's problem. Two independent signals:
 *
 * <ul>
 *   <li><b>structure</b>: the insight changed a function the local agent may call (same selector, so the same contract
 *       interface), the same parameter, for the same symptom the local analyst sees now. Any mismatch rejects: an
 *       insight about another interface cannot be adapted, whatever its wording.
 *   <li><b>meaning</b>: cosine similarity between the local analyst's description of its problem and the insight's
 *       summary, embedded by a sentence-embedding model; it must reach the threshold, so a structurally identical fix
 *       made for a different reason (say, an oracle incident) is not taken for ours.
 * </ul>
 */
public final class InsightRelevance {
    private final TextEmbedder embedder;
    private final double threshold;

    /** @param threshold minimum semantic similarity (cosine, -1..1) for an insight to count as relevant */
    public InsightRelevance(TextEmbedder embedder, double threshold) {
        if (!(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException("relevance threshold must be within (-1, 1), got " + threshold);
        }
        this.embedder = embedder;
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    public RelevanceDecision judge(SharedInsight insight, LocalProblem problem) {
        List<String> reasons = new ArrayList<>();
        int matched = 0;
        if (problem.selectors().contains(lower(insight.selector()))) {
            matched++;
            reasons.add("interface: " + insight.functionSignature() + " (" + insight.selector() + ") is callable here");
        } else {
            reasons.add("interface: " + insight.functionSignature() + " (" + insight.selector()
                    + ") is not one this agent may call");
        }
        if (problem.parameters().contains(insight.parameter())) {
            matched++;
            reasons.add("parameter: " + insight.parameter() + " is tuned here");
        } else {
            reasons.add("parameter: " + insight.parameter() + " is not tuned here");
        }
        if (problem.symptom() != null && problem.symptom().equals(insight.symptom())) {
            matched++;
            reasons.add("symptom: the local market shows " + insight.symptom() + " too");
        } else {
            reasons.add("symptom: the insight answers " + insight.symptom() + ", the local market shows "
                    + (problem.symptom() == null ? "no problem now" : problem.symptom()));
        }
        double structural = matched / 3.0;
        double semantic = problem.description() == null || problem.description().isBlank()
                ? 0
                : similarity(problem.description(), insight.summary());
        boolean semanticOk = semantic >= threshold;
        reasons.add(String.format(
                Locale.ROOT,
                "meaning: similarity %.3f %s threshold %.2f",
                semantic,
                semanticOk ? ">=" : "<",
                threshold));
        boolean relevant = matched == 3 && semanticOk;
        return new RelevanceDecision(
                insight.id(), structural, semantic, (structural + semantic) / 2, threshold, relevant, reasons);
    }

    /** Cosine similarity of the two texts' embeddings. */
    public double similarity(String a, String b) {
        return cosine(embedder.embed(a), embedder.embed(b));
    }

    static double cosine(float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("embeddings of different dimensions: " + x.length + " and " + y.length);
        }
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
            nx += (double) x[i] * x[i];
            ny += (double) y[i] * y[i];
        }
        return nx == 0 || ny == 0 ? 0 : dot / Math.sqrt(nx * ny);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
