package io.chaoschain.app.cli;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.scoring.Domain;
import io.chaoschain.reputation.service.AgentProfile;
import io.chaoschain.reputation.service.ChainTime;
import io.chaoschain.reputation.service.InMemoryScoreCache;
import io.chaoschain.reputation.service.Leaderboard;
import io.chaoschain.reputation.service.ReputationMapping;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.reputation.service.ScoreSnapshot;
import io.chaoschain.storage.Database;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The read-only reputation commands: they open the node's store like {@code proposals list} does. */
final class ReputationReadCommands {
    private ReputationReadCommands() {}

    /**
     * The reputation service over the node's store, as every read-only command scores: at the later of the wall clock
     * and the newest stored event's chain time, as the node itself scores (a devnet's chain runs ahead of the clock).
     */
    static ReputationService service(Database db) {
        ChainTime time = new ChainTime(TimeProvider.system());
        db.stores().reputation().latestEventTime().ifPresent(time::observe);
        return new ReputationService(db.stores().reputation(), new InMemoryScoreCache(), time);
    }

    private static Domain domain(String raw) {
        if (raw == null || Leaderboard.ALL.equals(raw)) {
            return null;
        }
        try {
            return ReputationMapping.parseDomain(raw);
        } catch (UserFacingException e) {
            throw new UserFacingException("error: --domain must be CHAIN/AREA (e.g. 31337/"
                    + ReputationMapping.DEFAULT_AREA + ") or 'all', got '" + raw + "'");
        }
    }

    @Command(
            name = "profile",
            mixinStandardHelpOptions = true,
            description = "An agent's reputation: its score in each domain and where the points come from.")
    static final class Profile implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "AGENT", description = "the agent key, CHAINID:AGENTID (e.g. 31337:1)")
        String agent;

        @Override
        public Integer call() throws Exception {
            try (Database db = store.open()) {
                AgentProfile p = service(db).profile(agent);
                if (store.format == OutputFormat.json) {
                    System.out.println(ProposalsCommand.JSON.writeValueAsString(p));
                    return 0;
                }
                System.out.println(
                        "agent " + p.agentId() + ": total " + p.total().toPlainString() + " (as of " + p.asOf() + ", "
                                + p.attestations() + " attestations)");
                if (p.domains().isEmpty()) {
                    System.out.println("no reputation recorded for " + agent + " yet");
                }
                for (AgentProfile.DomainScore d : p.domains()) {
                    System.out.println(
                            "  " + d.domain() + "  score " + d.score().toPlainString() + "  rank " + d.rank());
                    for (Map.Entry<String, AgentProfile.Part> e :
                            d.contributions().entrySet()) {
                        System.out.printf(
                                "    %-24s %5d  %s%n",
                                e.getKey(),
                                e.getValue().count(),
                                e.getValue().points().toPlainString());
                    }
                    System.out.printf(
                            "    %-24s %5d  %s  (%d reviewers)%n",
                            "FEEDBACK",
                            d.feedback().count(),
                            d.feedback().points().toPlainString(),
                            d.feedback().reviewers());
                }
            }
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "An agent's score over time.")
    static final class History implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "AGENT", description = "the agent key, CHAINID:AGENTID (e.g. 31337:1)")
        String agent;

        @Option(names = "--domain", paramLabel = "CHAIN/AREA", description = "only this domain (default: all)")
        String domain;

        @Override
        public Integer call() throws Exception {
            Domain d = domain(domain);
            try (Database db = store.open()) {
                List<ScoreSnapshot> history = service(db).history(agent, d);
                if (store.format == OutputFormat.json) {
                    System.out.println(ProposalsCommand.JSON.writeValueAsString(history.stream()
                            .map(s -> Map.of(
                                    "domain",
                                    s.domain().toString(),
                                    "score",
                                    s.score(),
                                    "generation",
                                    s.generation(),
                                    "at",
                                    s.computedAt()))
                            .toList()));
                    return 0;
                }
                if (history.isEmpty()) {
                    System.out.println("no score history for " + agent + " yet");
                    return 0;
                }
                System.out.printf("%-28s %-24s %s%n", "AT", "DOMAIN", "SCORE");
                for (ScoreSnapshot s : history) {
                    System.out.printf(
                            "%-28s %-24s %s%n",
                            s.computedAt(), s.domain(), s.score().toPlainString());
                }
            }
            return 0;
        }
    }

    @Command(name = "leaderboard", mixinStandardHelpOptions = true, description = "The best agents in a domain.")
    static final class LeaderboardCommand implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(
                names = "--domain",
                paramLabel = "CHAIN/AREA",
                description = "the domain, e.g. 31337/governance (default: all" + " domains summed)")
        String domain;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "20",
                description = "how many agents (1..1000, default:" + " ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            Domain d = domain(domain);
            if (limit < 1 || limit > ReputationService.MAX_LIMIT) {
                throw new UserFacingException(
                        "error: --limit must be between 1 and " + ReputationService.MAX_LIMIT + ", got " + limit);
            }
            try (Database db = store.open()) {
                Leaderboard board = service(db).leaderboard(d, limit);
                if (store.format == OutputFormat.json) {
                    System.out.println(ProposalsCommand.JSON.writeValueAsString(board));
                    return 0;
                }
                if (board.entries().isEmpty()) {
                    System.out.println("no scores in " + board.domain() + " yet");
                    return 0;
                }
                System.out.println("leaderboard " + board.domain());
                System.out.printf("%-5s %-20s %s%n", "RANK", "AGENT", "SCORE");
                for (Leaderboard.Entry e : board.entries()) {
                    System.out.printf(
                            "%-5d %-20s %s%n", e.rank(), e.agentId(), e.score().toPlainString());
                }
            }
            return 0;
        }
    }
}
