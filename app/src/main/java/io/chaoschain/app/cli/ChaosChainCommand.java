package io.chaoschain.app.cli;

import io.chaoschain.core.UserFacingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code chaoschain} command: a thin root that only assembles the subcommands.
 *
 * <p>Only the subcommand a run names is registered (picocli reflects over every registered command's options, which
 * loads their types): {@code chaoschain simulate ...} never loads the node, the store or the API. Help, a missing or
 * unknown subcommand register all of them, so usage text and errors list every subcommand.
 */
@Command(
        name = "chaoschain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "ChaosChain Governance OS: agents that watch chains, draft proposals, prove them on a fork and submit them.")
public final class ChaosChainCommand implements Runnable {
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("demo", DemoCommand::new);
        all.put("node", NodeCommand::new);
        all.put("devnet", DevnetCommand::new);
        all.put("proposals", ProposalsCommand::new);
        all.put("agents", AgentsCommand::new);
        all.put("reputation", ReputationCommand::new);
        all.put("rewards", RewardsCommand::new);
        all.put("simulate", SimulateCommand::new);
        return all;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "error: a subcommand is required (try: chaoschain demo)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code: 0 success, 1 failure at run time, 2 bad usage or input. */
    public static int execute(String... args) {
        String named = args.length > 0 ? args[0] : "";
        // simulate's Anvil fork starts before picocli is even loaded: parsing takes about as long as Anvil's start
        SimulateCommand.EarlyFork early = named.equals("simulate") ? SimulateCommand.startEarly(args) : null;
        try {
            return execute(named, early, args);
        } finally {
            if (early != null) {
                early.close();
            }
        }
    }

    private static int execute(String named, SimulateCommand.EarlyFork early, String... args) {
        CommandLine cli = new CommandLine(new ChaosChainCommand());
        boolean versionOnly = args.length == 1 && (named.equals("--version") || named.equals("-V"));
        if (early != null) {
            cli.addSubcommand(named, new SimulateCommand(early));
        } else if (SUBCOMMANDS.containsKey(named)) {
            cli.addSubcommand(named, SUBCOMMANDS.get(named).get());
        } else if (!versionOnly) {
            SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof UserFacingException)) {
                cause = cause.getCause();
            }
            if (cause instanceof UserFacingException user) {
                commandLine
                        .getErr()
                        .println(
                                user.getMessage().startsWith("error:")
                                        ? user.getMessage()
                                        : "error: " + user.getMessage());
                return user.exitCode();
            }
            commandLine.getErr().println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (System.getenv("CHAOSCHAIN_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set CHAOSCHAIN_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            String message = e.getMessage();
            e.getCommandLine().getErr().println(message.startsWith("error:") ? message : "error: " + message);
            e.getCommandLine()
                    .getErr()
                    .println("run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage");
            return 2;
        });
        return cli.execute(args);
    }
}
