package io.chaoschain.reputation.scoring.internal;

/**
 * Personalized PageRank over a compact row-stochastic graph (CSR arrays): {@code r' = (1-d) p + d (W^T r + p * dangling(r))}.
 * Iteration order is fixed by the caller's node order, so the result is deterministic.
 */
public final class TrustPropagation {

    private TrustPropagation() {}

    /**
     * @param seed      personalization vector, summing to 1
     * @param rowStart  CSR row offsets (length n + 1)
     * @param col       target node of each edge
     * @param weight    edge weights, each row summing to 1 (empty rows are dangling)
     * @return the stationary trust distribution, summing to 1
     */
    public static double[] propagate(
            double[] seed,
            int[] rowStart,
            int[] col,
            double[] weight,
            double damping,
            int maxIterations,
            double tolerance) {
        int n = seed.length;
        double[] r = seed.clone();
        double[] next = new double[n];
        for (int it = 0; it < maxIterations; it++) {
            double dangling = 0;
            for (int i = 0; i < n; i++) {
                if (rowStart[i] == rowStart[i + 1]) {
                    dangling += r[i];
                }
            }
            double base = (1 - damping) + damping * dangling;
            for (int j = 0; j < n; j++) {
                next[j] = base * seed[j];
            }
            for (int i = 0; i < n; i++) {
                double out = damping * r[i];
                for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                    next[col[k]] += out * weight[k];
                }
            }
            double delta = 0;
            for (int j = 0; j < n; j++) {
                delta += Math.abs(next[j] - r[j]);
            }
            double[] t = r;
            r = next;
            next = t;
            if (delta < tolerance) {
                break;
            }
        }
        return r;
    }
}
