package io.chaoschain.app.cli;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.core.simulation.SimulationException;
import io.chaoschain.simulation.DraftFile;
import io.chaoschain.simulation.ForkPool;
import io.chaoschain.simulation.ProposalSimulationEngine;
import io.chaoschain.simulation.ProposalSource;
import io.chaoschain.simulation.SafetyReport;
import io.chaoschain.simulation.SimulationPlan;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.decode.AbiResolver;
import io.chaoschain.simulation.decode.AbiSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chaoschain simulate}: forks a chain with Anvil, executes an existing proposal (by governor and id) or draft
 * files as their executor, runs the safety checks and prints the report. Exit 0 when every check ran and none fails,
 * 1 when one fails (whatever else errored), 2 on a usage error, 3 when the simulation could not run (chain
 * unreachable, fork failed) or a check could not run or judge and none failed (risk {@code unknown}).
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Simulate governance proposals on a local Anvil fork and run the safety checks.",
            "Exit status: 0 pass (every check ran, none fails); 1 a check fails (even if another errored);",
            "2 usage error; 3 could not run or could not judge (the simulation failed, or a check errored",
            "and none failed: risk unknown)."
        })
final class SimulateCommand implements Callable<Integer> {

    /** Report formats. */
    enum Format {
        markdown,
        json
    }

    @Option(names = "--rpc", required = true, paramLabel = "URL", description = "JSON-RPC URL of the chain to fork")
    String rpc;

    @Option(
            names = "--governor",
            paramLabel = "ADDR",
            description = "governor of the existing proposal(s): OpenZeppelin Governor or GovernorBravo")
    String governor;

    @Option(
            names = "--proposal-id",
            paramLabel = "N",
            arity = "1..*",
            split = ",",
            description = "id(s) of existing proposals; several are executed in order on one fork")
    List<String> proposalIds;

    @Option(names = "--draft", paramLabel = "FILE", description = "a draft proposal JSON file")
    Path draft;

    @Option(
            names = "--batch",
            paramLabel = "FILE",
            arity = "1..*",
            description = "draft files executed in order on one fork (each sees the ones before)")
    List<Path> batch;

    @Option(names = "--block", paramLabel = "N", description = "block to fork at (default: latest)")
    Long block;

    @Option(
            names = "--checks-config",
            paramLabel = "FILE",
            description = "check thresholds and allowlists (JSON or YAML)")
    Path checksConfig;

    @Option(
            names = "--abi",
            paramLabel = "DIR",
            arity = "1..*",
            description = "directory of JSON ABIs or Hardhat/Foundry artifacts to decode calls with (repeatable; "
                    + "also abi.dirs in --checks-config)")
    List<Path> abiDirs;

    /** Set by {@link #plan()}: where ABIs beyond the bundled ones come from. */
    private AbiSettings abiSettings = AbiSettings.none();

    @Option(
            names = "--format",
            defaultValue = "markdown",
            paramLabel = "FORMAT",
            description = "report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report here instead of stdout")
    Path out;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            defaultValue = "1",
            hidden = true,
            description = "run N times in this process and print per-run times (benchmarks)")
    int repeat;

    /** A fork started from the raw arguments before they were parsed, or null; see {@link #startEarly}. */
    private final EarlyFork early;

    SimulateCommand() {
        this(null);
    }

    SimulateCommand(EarlyFork early) {
        this.early = early;
    }

    /** A fork pool started for {@code rpc} at {@code block} (-1: latest) before the arguments were parsed. */
    record EarlyFork(ForkPool pool, String rpc, long block) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    /**
     * Starts the Anvil fork from the raw arguments of {@code simulate ...} ({@code --rpc} and {@code --block}), so that
     * Anvil's start, the longest single step, overlaps the JVM's parsing of the command line; null when there is no
     * usable {@code --rpc} or the run only asks for help or the version. The caller closes it whatever the run did.
     */
    static EarlyFork startEarly(String... args) {
        String url = null;
        long at = -1;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (List.of("-h", "--help", "-V", "--version").contains(arg)) {
                return null;
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            String value = eq > 0 && name.length() < arg.length()
                    ? arg.substring(eq + 1)
                    : i + 1 < args.length ? args[i + 1] : null;
            if (name.equals("--rpc")) {
                url = value;
            } else if (name.equals("--block") && value != null && value.matches("[0-9]{1,18}")) {
                at = Long.parseLong(value);
            }
        }
        if (!looksValid(url)) {
            return null;
        }
        EarlyFork fork = new EarlyFork(ForkPool.start(url, at, 1), url, at);
        ProposalSimulationEngine.preloadInBackground();
        return fork;
    }

    @Override
    public Integer call() {
        // Anvil's fork start is the longest single step: it begins before the flags, files and chain are read (when
        // main saw --rpc, before the command line was parsed), and the engine leases the fork once it knows the block
        // (moving the fork there if the chain advanced meanwhile). --repeat runs lease the same fork again, reverted,
        // as a node's warm pool does.
        long at = block == null || block < 0 ? -1 : block;
        if (early != null && early.rpc().equals(rpc) && early.block() == at) {
            try (early) {
                return call(early.pool());
            }
        }
        if (early != null) {
            early.close();
        }
        try (ForkPool forks = looksValid(rpc) ? ForkPool.start(rpc, at, 1) : null) {
            return call(forks);
        }
    }

    private static boolean looksValid(String rpc) {
        if (rpc == null) {
            return false;
        }
        try {
            URI uri = URI.create(rpc);
            return uri.getHost() != null && List.of("http", "https").contains(String.valueOf(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Integer call(ForkPool forks) {
        SimulationPlan plan = plan();
        PrintStream err = System.err;
        long start = System.nanoTime();
        Consumer<String> progress = quiet
                ? line -> {}
                : line -> err.printf(Locale.ROOT, "[%6.2fs] %s%n", (System.nanoTime() - start) / 1e9, line);
        AbiResolver abis = AbiResolver.of(abiSettings);
        ProposalSimulationEngine engine = new ProposalSimulationEngine(abis);
        SafetyReport report = null;
        long[] millis = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            try {
                report = engine.run(plan, i == 0 ? progress : line -> {}, forks);
            } catch (SimulationException e) {
                throw new UserFacingException("simulate: " + e.getMessage(), 3, e);
            }
            millis[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        if (repeat > 1) {
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1
                    ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
            err.printf(
                    Locale.ROOT,
                    "bench: %d runs of %d proposal(s): median %.1f ms per run, %.1f ms per proposal; " + "runs %s%n",
                    repeat,
                    plan.proposals().size(),
                    median,
                    median / plan.proposals().size(),
                    Arrays.toString(millis));
        }
        if (!quiet) {
            abis.lookupProblems().forEach(p -> err.println("warning: ABI look-up: " + p));
        }
        String text = format == Format.json ? report.prettyJson() : report.markdown();
        if (out != null) {
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserFacingException("--out: cannot write " + out + " (" + e.getMessage() + ")", 2, e);
            }
            if (!quiet) {
                err.println("report written to " + out + " (risk " + report.risk() + ", hash " + report.hash() + ")");
            }
        } else {
            System.out.print(text.endsWith("\n") ? text : text + "\n");
            System.out.flush();
        }
        int exit = exitCode(report);
        if (exit == 3 && !quiet) {
            err.println("not judged: a check could not run (risk unknown); see the report's errors");
        }
        return exit;
    }

    /** 1 when a check failed (whatever else errored), 3 when one errored and none failed, else 0. */
    static int exitCode(SafetyReport report) {
        if (report.failed()) {
            return 1;
        }
        return report.errored() ? 3 : 0;
    }

    /** Validates the flags; every problem names its flag and exits 2. */
    SimulationPlan plan() {
        URI uri;
        try {
            uri = URI.create(rpc);
        } catch (IllegalArgumentException e) {
            throw usage("--rpc: '" + rpc + "' is not a URL");
        }
        if (uri.getScheme() == null
                || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null) {
            throw usage("--rpc must be an http(s) URL such as http://127.0.0.1:8545");
        }
        int modes = (proposalIds != null ? 1 : 0) + (draft != null ? 1 : 0) + (batch != null ? 1 : 0);
        if (modes != 1) {
            throw usage("give exactly one of --proposal-id (with --governor), --draft FILE or --batch FILE...");
        }
        if (block != null && block < 0) {
            throw usage("--block must be a block number (0 or more), got " + block);
        }
        if (repeat < 1) {
            throw usage("--repeat must be at least 1");
        }
        List<ProposalSource> sources = new ArrayList<>();
        if (proposalIds != null) {
            if (governor == null) {
                throw usage("--proposal-id needs --governor ADDR (the governor contract the proposal lives on)");
            }
            if (!governor.matches("0x[0-9a-fA-F]{40}")) {
                throw usage("--governor must be a 0x-prefixed 20-byte address, got '" + governor + "'");
            }
            for (String id : proposalIds) {
                sources.add(new ProposalSource.Existing(governor, proposalId(id)));
            }
        } else {
            if (governor != null) {
                throw usage("--governor goes with --proposal-id; put a draft's governor in its file");
            }
            for (Path file : draft != null ? List.of(draft) : batch) {
                if (!Files.isRegularFile(file)) {
                    throw usage((draft != null ? "--draft" : "--batch") + ": no such file " + file);
                }
                sources.add(DraftFile.read(file));
            }
        }
        CheckSettings settings = CheckSettings.defaults();
        if (checksConfig != null) {
            if (!Files.isRegularFile(checksConfig)) {
                throw usage("--checks-config: no such file " + checksConfig);
            }
            settings = CheckSettings.load(checksConfig);
            abiSettings = AbiSettings.fromChecksConfig(checksConfig);
        }
        abiSettings = abiSettings.withDirs(abiDirs == null ? List.of() : abiDirs);
        return new SimulationPlan(rpc, block == null ? -1 : block, sources, settings);
    }

    private static BigInteger proposalId(String text) {
        try {
            String t = text.trim();
            BigInteger id = t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
            if (id.signum() < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw usage("--proposal-id must be a non-negative integer (decimal or 0x hex), got '" + text + "'");
        }
    }

    private static UserFacingException usage(String message) {
        return new UserFacingException(message, 2, null);
    }
}
