package io.chaoschain.reputation.scoring.internal;

import io.chaoschain.reputation.scoring.ScoringConfig;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Reviewer trust in one domain, in score points: {@code trust_n = M * r_n}, where {@code r} is the personalized
 * PageRank of the domain's review graph and {@code M} the total seed mass. A node with no edges keeps exactly its seed.
 *
 * @param canonicalNodes the domain's nodes' canonical keys, ascending
 * @param trust          trust of each node, parallel to {@code canonicalNodes}
 */
public record DomainTrust(long[] canonicalNodes, double[] trust) {

    public double trustOf(long canonicalNode) {
        int i = Arrays.binarySearch(canonicalNodes, canonicalNode);
        return i < 0 ? 0.0 : trust[i];
    }

    /** Canonical (sorted-by-id) ordering of nodes: agents by agent id, then plain reviewers by address. */
    public static final class Canon {
        private final int[] agentRank;
        private final int[] reviewerRank;

        public Canon(ScoreIndex ix) {
            agentRank = ranks(ix.agentCount(), ix::agentName);
            reviewerRank = ranks(ix.plainReviewerCount(), ix::plainReviewerName);
        }

        public long key(int node) {
            return node >= 0 ? agentRank[node] : (long) agentRank.length + reviewerRank[-node - 1];
        }

        private static int[] ranks(int n, java.util.function.IntFunction<String> name) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparing(name::apply));
            int[] rank = new int[n];
            for (int i = 0; i < n; i++) {
                rank[order[i]] = i;
            }
            return rank;
        }
    }

    /** Computes trust for every domain and stores each pair's reviewer trust into the index. */
    public static DomainTrust[] computeAll(ScoreIndex ix, Canon canon, ScoringConfig cfg) {
        int nDomains = ix.domainList().size();
        int[] cellsByDomain = groupBy(ix.cellCount(), nDomains, ix::cellDomain);
        int[] cellStart = starts(ix.cellCount(), nDomains, ix::cellDomain);
        int[] pairsByDomain = groupBy(ix.pairCount(), nDomains, p -> ix.cellDomain(ix.pairCell(p)));
        int[] pairStart = starts(ix.pairCount(), nDomains, p -> ix.cellDomain(ix.pairCell(p)));

        int nAgents = ix.agentCount();
        int[] localAgent = new int[nAgents];
        int[] localReviewer = new int[ix.plainReviewerCount()];
        Arrays.fill(localAgent, -1);
        Arrays.fill(localReviewer, -1);

        DomainTrust[] result = new DomainTrust[nDomains];
        for (int d = 0; d < nDomains; d++) {
            // collect the domain's nodes, then order them canonically
            long[] keyed = new long[(cellStart[d + 1] - cellStart[d]) + 2 * (pairStart[d + 1] - pairStart[d])];
            int n = 0;
            for (int k = cellStart[d]; k < cellStart[d + 1]; k++) {
                n = mark(ix.cellAgent(cellsByDomain[k]), localAgent, localReviewer, canon, keyed, n);
            }
            for (int k = pairStart[d]; k < pairStart[d + 1]; k++) {
                int p = pairsByDomain[k];
                n = mark(ix.pairReviewer(p), localAgent, localReviewer, canon, keyed, n);
                n = mark(ix.cellAgent(ix.pairCell(p)), localAgent, localReviewer, canon, keyed, n);
            }
            Arrays.sort(keyed, 0, n);
            long[] canonical = new long[n];
            for (int i = 0; i < n; i++) {
                int node = (int) keyed[i];
                canonical[i] = keyed[i] >>> 32;
                setLocal(node, i, localAgent, localReviewer);
            }

            // seeds: established track record, or a (capped) fresh seed for reviewers without one
            double[] own = new double[n];
            boolean[] reviews = new boolean[n];
            for (int k = cellStart[d]; k < cellStart[d + 1]; k++) {
                int c = cellsByDomain[k];
                own[localAgent[ix.cellAgent(c)]] = Math.max(0.0, Formulas.points(ix.cellUnits(c)));
            }
            int[] rowCount = new int[n + 1];
            for (int k = pairStart[d]; k < pairStart[d + 1]; k++) {
                int p = pairsByDomain[k];
                int src = local(ix.pairReviewer(p), localAgent, localReviewer);
                reviews[src] = true;
                if (ix.pairEndorsement(p) > 0) {
                    rowCount[src + 1]++;
                }
            }
            double established = 0;
            int fresh = 0;
            for (int i = 0; i < n; i++) {
                established += own[i];
                if (reviews[i] && own[i] == 0) {
                    fresh++;
                }
            }
            double seedEach = cfg.freshReviewerSeed();
            if (fresh > 0 && established > 0 && cfg.maxFreshSeedShare() < 1) {
                double cap = cfg.maxFreshSeedShare() / (1 - cfg.maxFreshSeedShare()) * established;
                seedEach = Math.min(seedEach, cap / fresh);
            }
            double[] seed = new double[n];
            double mass = 0;
            for (int i = 0; i < n; i++) {
                seed[i] = reviews[i] && own[i] == 0 ? seedEach : own[i];
                mass += seed[i];
            }

            double[] trust = new double[n];
            if (mass > 0) {
                for (int i = 0; i < n; i++) {
                    seed[i] /= mass;
                }
                // CSR of positive endorsements, rows by source, columns ascending
                int[] rowStart = new int[n + 1];
                for (int i = 0; i < n; i++) {
                    rowStart[i + 1] = rowStart[i] + rowCount[i + 1];
                }
                long[] entries = new long[rowStart[n]];
                int[] fill = Arrays.copyOf(rowStart, n);
                for (int k = pairStart[d]; k < pairStart[d + 1]; k++) {
                    int p = pairsByDomain[k];
                    if (ix.pairEndorsement(p) > 0) {
                        int src = local(ix.pairReviewer(p), localAgent, localReviewer);
                        int dst = local(ix.cellAgent(ix.pairCell(p)), localAgent, localReviewer);
                        entries[fill[src]++] = ((long) dst << 32) | p;
                    }
                }
                int[] col = new int[entries.length];
                double[] weight = new double[entries.length];
                for (int i = 0; i < n; i++) {
                    Arrays.sort(entries, rowStart[i], rowStart[i + 1]);
                    double rowSum = 0;
                    for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                        int p = (int) entries[k];
                        col[k] = (int) (entries[k] >>> 32);
                        // average endorsement per review, so repeating a review does not pull more trust
                        weight[k] = Formulas.points(ix.pairEndorsement(p)) / ix.pairReviews(p);
                        rowSum += weight[k];
                    }
                    for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                        weight[k] /= rowSum;
                    }
                }
                double[] r = TrustPropagation.propagate(
                        seed, rowStart, col, weight, cfg.damping(), cfg.maxIterations(), cfg.convergenceTolerance());
                for (int i = 0; i < n; i++) {
                    trust[i] = r[i] * mass;
                }
            }
            for (int k = pairStart[d]; k < pairStart[d + 1]; k++) {
                int p = pairsByDomain[k];
                ix.setPairTrust(p, trust[local(ix.pairReviewer(p), localAgent, localReviewer)]);
            }
            for (int i = 0; i < n; i++) {
                setLocal((int) keyed[i], -1, localAgent, localReviewer);
            }
            result[d] = new DomainTrust(canonical, trust);
        }
        return result;
    }

    private static int mark(int node, int[] localAgent, int[] localReviewer, Canon canon, long[] keyed, int n) {
        if (local(node, localAgent, localReviewer) >= 0) {
            return n;
        }
        setLocal(node, n, localAgent, localReviewer);
        keyed[n] = (canon.key(node) << 32) | (node & 0xFFFFFFFFL);
        return n + 1;
    }

    private static int local(int node, int[] localAgent, int[] localReviewer) {
        return node >= 0 ? localAgent[node] : localReviewer[-node - 1];
    }

    private static void setLocal(int node, int value, int[] localAgent, int[] localReviewer) {
        if (node >= 0) {
            localAgent[node] = value;
        } else {
            localReviewer[-node - 1] = value;
        }
    }

    /** Items ordered by group (counting sort), stable in item index. */
    private static int[] groupBy(int items, int groups, java.util.function.IntUnaryOperator groupOf) {
        int[] start = starts(items, groups, groupOf);
        int[] fill = Arrays.copyOf(start, groups);
        int[] out = new int[items];
        for (int i = 0; i < items; i++) {
            out[fill[groupOf.applyAsInt(i)]++] = i;
        }
        return out;
    }

    private static int[] starts(int items, int groups, java.util.function.IntUnaryOperator groupOf) {
        int[] start = new int[groups + 1];
        for (int i = 0; i < items; i++) {
            start[groupOf.applyAsInt(i) + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        return start;
    }
}
