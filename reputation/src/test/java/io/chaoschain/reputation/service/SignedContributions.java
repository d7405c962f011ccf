package io.chaoschain.reputation.service;

import io.chaoschain.reputation.attestation.AttestationRequest;
import io.chaoschain.reputation.attestation.AttestationSigner;
import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.EasDomain;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.web3j.crypto.Credentials;

/** Signs contribution attestations with Anvil's well-known dev keys, as an attesting node would. */
public final class SignedContributions {
    public static final EasDomain EAS = EasDomain.of("1.3.0", 31337, "0x6f2E42BB4176e9A7352a8bF8886255Be9F3D2d13");
    public static final Credentials ATTESTER =
            Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    public static final Credentials OTHER =
            Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a7412f4603b6b78690d");
    public static final String RECIPIENT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private final AttestationSigner signer;
    private int subjects;

    public SignedContributions(Credentials key, long seed) {
        this.signer = new AttestationSigner(EAS, key, new SplittableRandom(seed));
    }

    public SignedContributions() {
        this(ATTESTER, 7);
    }

    public String signer() {
        return signer.signer();
    }

    /** Agent {@code agentId} on chain eip155:31337 did {@code kind} (value {@code value}) at {@code time}. */
    public OffchainAttestation sign(long agentId, ContributionKind kind, long value, long time) {
        ContributionRecord record = new ContributionRecord(
                BigInteger.valueOf(agentId),
                "eip155:31337",
                kind,
                "0x" + String.format("%064x", ++subjects),
                BigInteger.valueOf(value),
                2,
                "0x" + "ee".repeat(32));
        return signer.sign(
                record.toRequest(ContributionRecord.schemaId(AttestationRequest.ZERO_ADDRESS, true), RECIPIENT, time));
    }
}
