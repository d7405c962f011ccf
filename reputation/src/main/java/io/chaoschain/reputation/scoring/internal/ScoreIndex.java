package io.chaoschain.reputation.scoring.internal;

import io.chaoschain.reputation.scoring.Domain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interned ids and compact per-cell / per-pair aggregates. Indices are assigned in first-seen order, which depends on
 * log order; everything that reaches a result is either an exact integer aggregate or computed in canonical (sorted)
 * order, so the order of the log never shows in a score.
 *
 * <p>Nodes of the trust graph: an agent is node {@code a >= 0} (its agent index); a reviewer address that belongs to
 * no agent is node {@code -(r + 1)}. A cell is an (agent, domain); a pair is a (cell, reviewer node).
 */
public final class ScoreIndex {
    private final Map<String, String> reviewerAgents;
    private final Map<String, Integer> agents = new HashMap<>();
    private final List<String> agentNames = new ArrayList<>();
    private final Map<String, Integer> plainReviewers = new HashMap<>();
    private final List<String> plainReviewerNames = new ArrayList<>();
    private final Map<String, Integer> reviewerNodes = new HashMap<>();
    private final Map<Domain, Integer> domains = new HashMap<>();
    private final List<Domain> domainList = new ArrayList<>();

    private final LongIntHashMap cells;
    private int cellCount;
    private int[] cellAgent;
    private int[] cellDomain;
    private long[] cellUnits;

    private final LongIntHashMap pairs;
    private int pairCount;
    private int[] pairCell;
    private int[] pairReviewer;
    private int[] pairReviews;
    private long[] pairEndorsement;
    private double[] pairTrust;

    public ScoreIndex(Map<String, String> reviewerAgents, int expectedPairs) {
        this.reviewerAgents = reviewerAgents;
        cells = new LongIntHashMap(1024);
        cellAgent = new int[1024];
        cellDomain = new int[1024];
        cellUnits = new long[1024];
        int pairCap = Math.max(16, Math.min(expectedPairs, 1 << 20));
        pairs = new LongIntHashMap(pairCap);
        pairCell = new int[pairCap];
        pairReviewer = new int[pairCap];
        pairReviews = new int[pairCap];
        pairEndorsement = new long[pairCap];
    }

    // ---- interning (mutating) ----

    public int agent(String agentId) {
        Integer i = agents.get(agentId);
        if (i == null) {
            i = agentNames.size();
            agents.put(agentId, i);
            agentNames.add(agentId);
        }
        return i;
    }

    public int domain(Domain domain) {
        Integer i = domains.get(domain);
        if (i == null) {
            i = domainList.size();
            domains.put(domain, i);
            domainList.add(domain);
        }
        return i;
    }

    public int reviewerNode(String reviewer) {
        Integer node = reviewerNodes.get(reviewer);
        if (node == null) {
            String agentId = reviewerAgents.get(reviewer);
            if (agentId != null) {
                node = agent(agentId);
            } else {
                int r = plainReviewerNames.size();
                plainReviewers.put(reviewer, r);
                plainReviewerNames.add(reviewer);
                node = -(r + 1);
            }
            reviewerNodes.put(reviewer, node);
        }
        return node;
    }

    public int cell(int agent, int domain) {
        int c = cells.putIfAbsent(cellKey(agent, domain), cellCount);
        if (c == cellCount) {
            if (c == cellAgent.length) {
                int cap = c * 2;
                cellAgent = Arrays.copyOf(cellAgent, cap);
                cellDomain = Arrays.copyOf(cellDomain, cap);
                cellUnits = Arrays.copyOf(cellUnits, cap);
            }
            cellAgent[c] = agent;
            cellDomain[c] = domain;
            cellCount++;
        }
        return c;
    }

    public int pair(int cell, int reviewerNode) {
        int p = pairs.putIfAbsent(pairKey(cell, reviewerNode), pairCount);
        if (p == pairCount) {
            if (p == pairCell.length) {
                int cap = p * 2;
                pairCell = Arrays.copyOf(pairCell, cap);
                pairReviewer = Arrays.copyOf(pairReviewer, cap);
                pairReviews = Arrays.copyOf(pairReviews, cap);
                pairEndorsement = Arrays.copyOf(pairEndorsement, cap);
            }
            pairCell[p] = cell;
            pairReviewer[p] = reviewerNode;
            pairCount++;
        }
        return p;
    }

    public void addToCell(int cell, long units) {
        cellUnits[cell] = Math.addExact(cellUnits[cell], units);
    }

    public void addReview(int pair, long endorsementUnits) {
        pairReviews[pair]++;
        pairEndorsement[pair] = Math.addExact(pairEndorsement[pair], endorsementUnits);
    }

    public void setPairTrust(int pair, double trust) {
        if (pairTrust == null) {
            pairTrust = new double[pairCount];
        }
        pairTrust[pair] = trust;
    }

    // ---- lookups (read-only) ----

    public int findAgent(String agentId) {
        Integer i = agents.get(agentId);
        return i == null ? -1 : i;
    }

    public int findDomain(Domain domain) {
        Integer i = domains.get(domain);
        return i == null ? -1 : i;
    }

    /** The node of a reviewer address, or {@link Integer#MIN_VALUE} when the address never reviewed. */
    public int findReviewerNode(String reviewer) {
        Integer node = reviewerNodes.get(reviewer);
        return node == null ? Integer.MIN_VALUE : node;
    }

    public int findCell(int agent, int domain) {
        return agent < 0 || domain < 0 ? -1 : cells.get(cellKey(agent, domain));
    }

    public int findPair(int cell, int reviewerNode) {
        return cell < 0 ? -1 : pairs.get(pairKey(cell, reviewerNode));
    }

    public int agentCount() {
        return agentNames.size();
    }

    public int plainReviewerCount() {
        return plainReviewerNames.size();
    }

    public String agentName(int agent) {
        return agentNames.get(agent);
    }

    public String plainReviewerName(int reviewer) {
        return plainReviewerNames.get(reviewer);
    }

    public List<Domain> domainList() {
        return domainList;
    }

    public int cellCount() {
        return cellCount;
    }

    public int cellAgent(int cell) {
        return cellAgent[cell];
    }

    public int cellDomain(int cell) {
        return cellDomain[cell];
    }

    public long cellUnits(int cell) {
        return cellUnits[cell];
    }

    public int pairCount() {
        return pairCount;
    }

    public int pairCell(int pair) {
        return pairCell[pair];
    }

    public int pairReviewer(int pair) {
        return pairReviewer[pair];
    }

    public int pairReviews(int pair) {
        return pairReviews[pair];
    }

    public long pairEndorsement(int pair) {
        return pairEndorsement[pair];
    }

    public double pairTrust(int pair) {
        return pairTrust == null ? 0.0 : pairTrust[pair];
    }

    private static long cellKey(int agent, int domain) {
        return ((long) domain << 32) | agent;
    }

    private static long pairKey(int cell, int reviewerNode) {
        return ((long) cell << 32) | (reviewerNode & 0xFFFFFFFFL);
    }
}
