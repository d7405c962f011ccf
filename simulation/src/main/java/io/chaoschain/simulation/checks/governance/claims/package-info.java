/**
 * What a proposal's description claims and how those claims are compared with the simulated effects: the claim
 * extractor for prose and markdown, the value, control and parameter comparisons behind check C9.
 */
package io.chaoschain.simulation.checks.governance.claims;
