package io.chaoschain.app.cli;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.attestation.AttestationJson;
import io.chaoschain.reputation.attestation.AttestationRequest;
import io.chaoschain.reputation.attestation.AttestationVerifier;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.attestation.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code chaoschain reputation verify FILE} checks a signed off-chain attestation (EAS format) offline;
 * {@code profile AGENT}, {@code history AGENT} and {@code leaderboard} read a node's reputation store.
 */
@Command(
        name = "reputation",
        mixinStandardHelpOptions = true,
        description = "Agent reputation tools.",
        subcommands = {
            ReputationCommand.Verify.class,
            ReputationReadCommands.Profile.class,
            ReputationReadCommands.History.class,
            ReputationReadCommands.LeaderboardCommand.class
        })
final class ReputationCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(),
                "error: use 'reputation verify FILE', 'reputation profile AGENT', 'reputation history AGENT' or"
                        + " 'reputation leaderboard'");
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description =
                    "Verify an off-chain attestation file (EAS JSON): its UID, its EIP-712 signature and its expiry."
                            + " Exit 0 when valid, 1 when not.")
    static final class Verify implements Callable<Integer> {
        @Parameters(
                paramLabel = "FILE",
                description = "attestation JSON, as written by a ChaosChain node or the EAS SDK")
        Path file;

        @Override
        public Integer call() {
            String json;
            try {
                json = Files.readString(file);
            } catch (NoSuchFileException e) {
                throw new UserFacingException("error: attestation file " + file + " not found");
            } catch (IOException e) {
                throw new UserFacingException("error: cannot read attestation file " + file + ": " + e.getMessage());
            }
            OffchainAttestation attestation = AttestationJson.read(json);
            Verification result = new AttestationVerifier(TimeProvider.system()).verify(attestation);
            System.out.println("uid        " + attestation.uid());
            System.out.println("schema     " + attestation.schema());
            System.out.println("signer     " + attestation.signer());
            System.out.println("recipient  " + attestation.recipient());
            System.out.println("time       " + Instant.ofEpochSecond(attestation.time()));
            System.out.println("chain      " + attestation.domain().chainId() + " (EAS "
                    + attestation.domain().verifyingContract() + ")");
            describeContribution(attestation);
            if (result instanceof Verification.Invalid invalid) {
                System.out.println("result     INVALID: " + invalid.reason() + " — " + invalid.detail());
                return 1;
            }
            System.out.println("result     VALID: signed by " + attestation.signer());
            return 0;
        }

        /** Decodes the data when it uses ChaosChain's contribution schema; other schemas are shown as raw data. */
        private static void describeContribution(OffchainAttestation attestation) {
            String contributionSchema = ContributionRecord.schemaId(
                            AttestationRequest.ZERO_ADDRESS, attestation.revocable())
                    .value();
            if (!attestation.schema().equalsIgnoreCase(contributionSchema)) {
                System.out.println("data       " + attestation.data());
                return;
            }
            ContributionRecord record = ContributionRecord.decode(attestation.data());
            System.out.println("record     agent " + record.agentId() + " on " + record.chain() + ": "
                    + record.kind().code()
                    + " subject " + record.subject() + " value " + record.value() + "e-" + record.valueDecimals()
                    + " evidence " + record.evidenceHash());
        }
    }
}
