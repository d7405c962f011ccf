/**
 * The reputation module's implementation detail behind the CredRank engine: the per-term formulas, compact score
 * indexes and the personalized PageRank that weights reviewers. Only the reputation module may use it.
 */
package io.chaoschain.reputation.scoring.internal;
