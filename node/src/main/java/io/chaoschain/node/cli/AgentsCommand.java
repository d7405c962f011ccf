package io.chaoschain.node.cli;

import io.chaoschain.node.store.AgentRecord;
import io.chaoschain.node.store.Database;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code chaoschain agents list}: the node's agents and their track records. */
@Command(name = "agents", mixinStandardHelpOptions = true, description = "Show the node's agents and their track records.",
    subcommands = AgentsCommand.ListAgents.class)
final class AgentsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "error: use 'agents list'");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List agents with their track records.")
  static final class ListAgents implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() throws Exception {
      try (Database db = store.open()) {
        List<AgentRecord> agents = db.stores().agents().all();
        if (store.format == OutputFormat.json) {
          System.out.println(ProposalsCommand.JSON.writeValueAsString(agents));
          return 0;
        }
        System.out.printf("%-12s %-16s %-8s %-42s %9s %8s %8s %6s %s%n", "ID", "NAME", "CHAIN", "OPERATOR", "SUBMITTED",
            "EXECUTED", "IMPROVED", "SCORE", "PAUSED");
        for (AgentRecord a : agents) {
          System.out.printf("%-12s %-16s %-8s %-42s %9d %8d %8d %6s %s%n", a.agentId(), a.name(), a.chain(), a.operator(),
              a.proposalsSubmitted(), a.proposalsExecuted(), a.proposalsImproved(),
              a.score().stripTrailingZeros().toPlainString(), a.paused());
        }
      }
      return 0;
    }
  }
}
