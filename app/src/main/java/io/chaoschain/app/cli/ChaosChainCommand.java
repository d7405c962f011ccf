package io.chaoschain.app.cli;

import io.chaoschain.core.UserFacingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chaoschain} command: a thin root that only assembles the subcommands. */
@Command(
        name = "chaoschain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "ChaosChain Governance OS: agents that watch chains, draft proposals, prove them on a fork and submit them.",
        subcommands = {
            DemoCommand.class,
            NodeCommand.class,
            DevnetCommand.class,
            ProposalsCommand.class,
            AgentsCommand.class,
            ReputationCommand.class,
            RewardsCommand.class,
            SimulateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ChaosChainCommand implements Runnable {

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
        CommandLine cli = new CommandLine(new ChaosChainCommand());
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
