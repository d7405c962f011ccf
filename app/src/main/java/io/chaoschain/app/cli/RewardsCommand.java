package io.chaoschain.app.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.chaoschain.core.Json;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.incentives.merkle.RewardEntry;
import io.chaoschain.incentives.merkle.RewardInput;
import io.chaoschain.incentives.merkle.RewardTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaoschain rewards tree --input FILE}: the Merkle root and proofs of a reward distribution. */
@Command(
        name = "rewards",
        mixinStandardHelpOptions = true,
        description = "Reward distributions.",
        subcommands = {RewardsCommand.Tree.class})
final class RewardsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "error: use 'rewards tree --input FILE'");
    }

    /** One entry of the output: the input entry and its proof. */
    record ProvedEntry(String account, String token, String amount, List<String> proof) {}

    /** The output: the root the distributor is given and every entry's proof, in input order. */
    record Distribution(String root, List<ProvedEntry> entries) {}

    @Command(
            name = "tree",
            mixinStandardHelpOptions = true,
            description = "Build the distribution tree (OpenZeppelin StandardMerkleTree over"
                    + " [address account, address token, uint256 cumulative amount]) and print its root and proofs.")
    static final class Tree implements Callable<Integer> {
        @Option(
                names = "--input",
                required = true,
                paramLabel = "FILE",
                description = "JSON array of {\"account\": \"0x…\", \"token\": \"0x…\", \"amount\": \"…\"},"
                        + " amounts cumulative, in base units, as decimal strings")
        Path input;

        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        @Option(
                names = "--dump",
                paramLabel = "FILE",
                description =
                        "also write the tree as an OpenZeppelin standard-v1 dump (StandardMerkleTree.load reads it)")
        Path dump;

        @Override
        public Integer call() throws Exception {
            String json;
            try {
                json = Files.readString(input);
            } catch (NoSuchFileException e) {
                throw new UserFacingException("error: --input file " + input + " not found");
            } catch (IOException e) {
                throw new UserFacingException("error: cannot read --input file " + input + ": " + e.getMessage());
            }
            List<RewardEntry> entries = RewardInput.parse(json, "--input file " + input);
            RewardTree tree = RewardTree.of(entries);
            if (dump != null) {
                try {
                    Files.writeString(dump, tree.tree().dump());
                } catch (IOException e) {
                    throw new UserFacingException("error: cannot write --dump file " + dump + ": " + e.getMessage());
                }
            }
            List<ProvedEntry> proved = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                RewardEntry e = entries.get(i);
                proved.add(new ProvedEntry(e.account(), e.token(), e.amount().toString(), tree.proofHex(i)));
            }
            if (format == OutputFormat.json) {
                System.out.println(Json.mapper()
                        .writer()
                        .with(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(new Distribution(tree.root(), proved)));
                return 0;
            }
            System.out.println("root     " + tree.root());
            System.out.println("entries  " + entries.size());
            System.out.printf("%-42s %-42s %-30s %s%n", "ACCOUNT", "TOKEN", "AMOUNT", "PROOF");
            for (ProvedEntry e : proved) {
                System.out.printf(
                        "%-42s %-42s %-30s %d hashes%n",
                        e.account(), e.token(), e.amount(), e.proof().size());
            }
            return 0;
        }
    }
}
