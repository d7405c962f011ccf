package io.chaoschain.app.cli;

import io.chaoschain.node.api.AgentView;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.storage.Database;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code chaoschain agents list}: the node's agents, their track records and their reputation scores. */
@Command(
        name = "agents",
        mixinStandardHelpOptions = true,
        description = "Show the node's agents and their track records.",
        subcommands = AgentsCommand.ListAgents.class)
final class AgentsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "error: use 'agents list'");
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "List agents with their track records and their reputation scores (as 'reputation profile' shows).")
    static final class ListAgents implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() throws Exception {
            try (Database db = store.open()) {
                ReputationService reputation = ReputationReadCommands.service(db);
                List<AgentView> agents = db.stores().agents().all().stream()
                        .map(a -> AgentView.of(a, reputation))
                        .toList();
                if (store.format == OutputFormat.json) {
                    System.out.println(ProposalsCommand.JSON.writeValueAsString(agents));
                    return 0;
                }
                System.out.printf(
                        "%-12s %-16s %-8s %-42s %9s %8s %8s %9s %s%n",
                        "ID", "NAME", "CHAIN", "OPERATOR", "SUBMITTED", "EXECUTED", "IMPROVED", "SCORE", "PAUSED");
                for (AgentView a : agents) {
                    System.out.printf(
                            "%-12s %-16s %-8s %-42s %9d %8d %8d %9s %s%n",
                            a.agentId(),
                            a.name(),
                            a.chain(),
                            a.operator(),
                            a.proposalsSubmitted(),
                            a.proposalsExecuted(),
                            a.proposalsImproved(),
                            a.score().setScale(3, RoundingMode.HALF_UP).toPlainString(),
                            a.paused());
                }
            }
            return 0;
        }
    }
}
