package io.chaoschain.app.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.chaoschain.core.Json;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.storage.Database;
import io.chaoschain.storage.StoredProposal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code chaoschain proposals list|show ID}: the proposals a node has recorded. */
@Command(
        name = "proposals",
        mixinStandardHelpOptions = true,
        description = "List or show the proposals a node recorded.",
        subcommands = {ProposalsCommand.ListProposals.class, ProposalsCommand.ShowProposal.class})
final class ProposalsCommand implements Runnable {
    /** The store's JSON conventions (big numbers as strings, ISO-8601 instants), indented for people. */
    static final com.fasterxml.jackson.databind.ObjectWriter JSON =
            Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "error: use 'proposals list' or 'proposals show ID'");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List recorded proposals, newest first.")
    static final class ListProposals implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() throws Exception {
            try (Database db = store.open()) {
                List<StoredProposal> all = db.stores().proposals().all();
                if (store.format == OutputFormat.json) {
                    System.out.println(JSON.writeValueAsString(
                            all.stream().map(ProposalsCommand::brief).toList()));
                    return 0;
                }
                if (all.isEmpty()) {
                    System.out.println("no proposals recorded yet");
                }
                System.out.printf("%-4s %-10s %-12s %s%n", "ID", "STATE", "AGENT", "TITLE");
                for (StoredProposal p : all) {
                    System.out.printf(
                            "%-4d %-10s %-12s %s%n",
                            p.id(), p.state(), p.agentId() == null ? "-" : p.agentId(), p.title());
                }
            }
            return 0;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Show one proposal with its simulations and votes.")
    static final class ShowProposal implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "ID", description = "the proposal's local id (see 'proposals list')")
        String id;

        @Override
        public Integer call() throws Exception {
            long localId;
            try {
                localId = Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw new UserFacingException(
                        "error: proposal ID must be a number from 'chaoschain proposals list', got '" + id + "'");
            }
            try (Database db = store.open()) {
                StoredProposal p = db.stores()
                        .proposals()
                        .find(localId)
                        .orElseThrow(() -> new UserFacingException("error: no proposal with id " + localId
                                + "; 'chaoschain proposals list' shows the recorded ones"));
                var simulations = db.stores().simulations().forProposal(p.id());
                var votes = db.stores().votes().forProposal(p.id());
                if (store.format == OutputFormat.json) {
                    Map<String, Object> json = new LinkedHashMap<>(brief(p));
                    json.put("description", p.draft().description());
                    json.put("actions", p.draft().actions());
                    json.put("change", p.draft().change());
                    json.put("outcome", p.outcome());
                    json.put("simulations", simulations);
                    json.put("votes", votes);
                    System.out.println(JSON.writeValueAsString(json));
                    return 0;
                }
                System.out.println("Proposal #" + p.id() + " [" + p.state() + "] " + p.title());
                System.out.println(
                        "  chain " + p.chain() + ", governor " + p.governor() + ", on-chain id " + p.onchainId());
                System.out.println("  agent " + p.agentId() + ", simulation report " + p.reportHash());
                System.out.println("  submit " + p.submitTxHash() + ", queue " + p.queueTxHash() + ", execute "
                        + p.executeTxHash());
                p.draft()
                        .actions()
                        .forEach(a -> System.out.println(
                                "  action: " + a.target() + " " + a.signature() + " " + a.calldata()));
                System.out.println("  simulations: " + simulations.size() + ", votes: " + votes.size());
                if (p.outcome() != null) {
                    System.out.println("  outcome: " + p.outcome().summary()
                            + (p.outcome().improved() ? " (improved)" : " (not improved)"));
                }
                System.out.println();
                System.out.println(p.draft().description());
            }
            return 0;
        }
    }

    static Map<String, Object> brief(StoredProposal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("chain", p.chain());
        m.put("governor", p.governor());
        m.put("onchainId", p.onchainId() == null ? null : p.onchainId().toString());
        m.put("agentId", p.agentId());
        m.put("state", p.state().name());
        m.put("title", p.title());
        m.put("reportHash", p.reportHash());
        m.put("submitTx", p.submitTxHash());
        m.put("queueTx", p.queueTxHash());
        m.put("executeTx", p.executeTxHash());
        m.put("eta", p.eta());
        m.put("updatedAt", p.updatedAt());
        return m;
    }
}
