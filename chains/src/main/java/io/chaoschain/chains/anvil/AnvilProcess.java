package io.chaoschain.chains.anvil;

import io.chaoschain.core.UserFacingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Anvil node started as a child process on a free port: a devnet, or a fork of another chain for simulation.
 * Closing it kills the process.
 */
public final class AnvilProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnvilProcess.class);
    private static final Pattern LISTENING = Pattern.compile("Listening on ([0-9.]+):(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String rpcUrl;
    private final int port;

    private AnvilProcess(Process process, String host, int port) {
        this.process = process;
        this.port = port;
        this.rpcUrl = "http://" + host + ":" + port;
    }

    /** Options for a new Anvil process; every field has a sensible default. */
    public record Options(
            long chainId,
            Optional<String> forkUrl,
            Optional<Long> forkBlockNumber,
            Optional<Integer> blockTimeSeconds,
            int accounts,
            Optional<Path> stateFile,
            Optional<Path> logFile,
            int port,
            List<String> extraArgs) {

        public static Options devnet(long chainId) {
            return new Options(
                    chainId,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    10,
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    List.of());
        }

        public static Options fork(String forkUrl, long forkBlockNumber) {
            return new Options(
                    0,
                    Optional.of(forkUrl),
                    Optional.of(forkBlockNumber),
                    Optional.empty(),
                    1,
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    List.of());
        }

        public Options withStateFile(Path file) {
            return new Options(
                    chainId,
                    forkUrl,
                    forkBlockNumber,
                    blockTimeSeconds,
                    accounts,
                    Optional.of(file),
                    logFile,
                    port,
                    extraArgs);
        }

        /**
         * Sends Anvil's output to {@code file} instead of a pipe, so the process can outlive this JVM ({@code devnet up}).
         */
        public Options withLogFile(Path file) {
            return new Options(
                    chainId,
                    forkUrl,
                    forkBlockNumber,
                    blockTimeSeconds,
                    accounts,
                    stateFile,
                    Optional.of(file),
                    port,
                    extraArgs);
        }

        /** Adds command-line arguments passed to Anvil as they are. */
        public Options withExtraArgs(List<String> args) {
            List<String> all = new ArrayList<>(extraArgs);
            all.addAll(args);
            return new Options(
                    chainId,
                    forkUrl,
                    forkBlockNumber,
                    blockTimeSeconds,
                    accounts,
                    stateFile,
                    logFile,
                    port,
                    List.copyOf(all));
        }

        /** Listens on {@code newPort} instead of a free one. */
        public Options withPort(int newPort) {
            return new Options(
                    chainId,
                    forkUrl,
                    forkBlockNumber,
                    blockTimeSeconds,
                    accounts,
                    stateFile,
                    logFile,
                    newPort,
                    extraArgs);
        }
    }

    /** Starts Anvil and waits until it accepts RPC calls. */
    public static AnvilProcess start(Options options) {
        Path binary = locateBinary();
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--port");
        command.add(Integer.toString(options.port()));
        command.add("--host");
        command.add("127.0.0.1");
        command.add("--accounts");
        command.add(Integer.toString(options.accounts()));
        if (options.chainId() > 0) {
            command.add("--chain-id");
            command.add(Long.toString(options.chainId()));
        }
        options.forkUrl().ifPresent(url -> {
            command.add("--fork-url");
            command.add(url);
            // a fork of a local node must not retry for minutes when the origin goes away
            command.add("--retries");
            command.add("2");
            command.add("--no-storage-caching");
        });
        options.forkBlockNumber().ifPresent(n -> {
            command.add("--fork-block-number");
            command.add(Long.toString(n));
        });
        options.blockTimeSeconds().ifPresent(s -> {
            command.add("--block-time");
            command.add(Integer.toString(s));
        });
        options.stateFile().ifPresent(f -> {
            command.add("--state");
            command.add(f.toString());
        });
        command.addAll(options.extraArgs());

        Process process;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        options.logFile().ifPresent(f -> builder.redirectOutput(ProcessBuilder.Redirect.appendTo(f.toFile())));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UserFacingException("error: could not start Anvil at " + binary + ": " + e.getMessage(), e);
        }
        CompletableFuture<Integer> portFuture = new CompletableFuture<>();
        List<String> output = new ArrayList<>();
        if (options.logFile().isPresent()) {
            Path log = options.logFile().get();
            Thread.ofVirtual().name("anvil-log").start(() -> watchLog(process, log, portFuture, output));
        } else {
            Thread.ofVirtual().name("anvil-output").start(() -> pump(process, portFuture, output));
        }
        try {
            int port = portFuture.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("anvil listening on port {} (pid {})", port, process.pid());
            return new AnvilProcess(process, "127.0.0.1", port);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            String tail;
            synchronized (output) {
                tail = String.join("\n", output.subList(Math.max(0, output.size() - 10), output.size()));
            }
            throw new UserFacingException(
                    "error: Anvil did not start"
                            + options.forkUrl()
                                    .map(u -> " (forking " + io.chaoschain.chains.Redaction.url(u) + ")")
                                    .orElse("")
                            + ": " + (tail.isBlank() ? e.getMessage() : tail),
                    e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Anvil", e);
        }
    }

    private static void pump(Process process, CompletableFuture<Integer> port, List<String> output) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!port.isDone()) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(2)));
                    }
                } else {
                    LOG.trace("anvil: {}", line);
                }
            }
        } catch (IOException e) {
            // the process is gone; completing exceptionally below reports it
        }
        port.completeExceptionally(new IOException("Anvil exited with code " + exitCodeOf(process)));
    }

    private static void watchLog(Process process, Path log, CompletableFuture<Integer> port, List<String> output) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && !port.isDone()) {
            try {
                List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
                for (String line : lines) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(2)));
                        return;
                    }
                }
                if (!process.isAlive()) {
                    synchronized (output) {
                        output.addAll(lines);
                    }
                    port.completeExceptionally(new IOException("Anvil exited with code " + process.exitValue()));
                    return;
                }
                Thread.sleep(50);
            } catch (IOException e) {
                port.completeExceptionally(e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String exitCodeOf(Process process) {
        try {
            return Integer.toString(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * Finds the Anvil binary: {@code $ANVIL_BIN}, then the pinned npm package under the repository root
     * ({@code $CHAOSCHAIN_HOME} or system property {@code chaoschain.root}), then {@code anvil} on the PATH.
     */
    public static Path locateBinary() {
        String explicit = System.getenv("ANVIL_BIN");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        List<String> roots = new ArrayList<>();
        Optional.ofNullable(System.getenv("CHAOSCHAIN_HOME")).ifPresent(roots::add);
        Optional.ofNullable(System.getProperty("chaoschain.root")).ifPresent(roots::add);
        roots.add(System.getProperty("user.dir"));
        for (String root : roots) {
            for (Path dir = Path.of(root).toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "anvil");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new UserFacingException(
                "error: Anvil not found; run `npm ci` in the ChaosChain directory (./chaoschain does it) or set ANVIL_BIN");
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
