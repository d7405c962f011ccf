/**
 * Checks C1-C13: governance attacks a proposal simulation can catch (flash-loan votes, fresh voting power, missing
 * delays, mutable targets, foreign delegatecalls, control and treasury moved outside the DAO, broken invariants,
 * misleading descriptions, risky parameters, process red flags, re-initializable proxies, vault accounting).
 */
package io.chaoschain.simulation.checks.governance;
