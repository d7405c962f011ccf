/**
 * Agent reputation as a node serves it: {@link io.chaoschain.reputation.service.ReputationService} records verified
 * attestations and ERC-8004 feedback, scores the whole log and answers profiles and leaderboards; {@link
 * io.chaoschain.reputation.service.ContributionRecorder} signs contributions and keeps them in the {@link
 * io.chaoschain.reputation.service.AttestationArchive}. Storage is behind the {@link
 * io.chaoschain.reputation.service.ReputationRepository} and {@link io.chaoschain.reputation.service.ScoreCache}
 * SPIs, implemented by the storage module (an in-memory cache is here).
 */
package io.chaoschain.reputation.service;
