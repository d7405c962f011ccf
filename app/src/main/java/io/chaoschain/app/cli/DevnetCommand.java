package io.chaoschain.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.app.demo.DemoWorld;
import io.chaoschain.core.UserFacingException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaoschain devnet up|down}: a long-lived local devnet with the DAO deployed and a node config for it. */
@Command(
        name = "devnet",
        mixinStandardHelpOptions = true,
        description = "Start or stop a local Anvil devnet with the DAO, an agent identity and market traffic.",
        subcommands = {DevnetCommand.Up.class, DevnetCommand.Down.class})
final class DevnetCommand implements Runnable {
    static final String STATE_FILE = "devnet.json";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "error: use 'devnet up' or 'devnet down'");
    }

    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description =
                    "Start Anvil in the background, deploy the DAO, register an agent, generate traffic, write node.yaml.")
    static final class Up implements Callable<Integer> {
        @Option(
                names = "--dir",
                defaultValue = ".chaoschain/devnet",
                paramLabel = "DIR",
                description = "default: ${DEFAULT-VALUE}")
        Path dir;

        @Option(names = "--port", defaultValue = "8545", description = "Anvil's RPC port (default: ${DEFAULT-VALUE})")
        int port;

        @Option(
                names = "--warmup-rounds",
                defaultValue = "14",
                paramLabel = "N",
                description = "traffic rounds (default: ${DEFAULT-VALUE})")
        int warmupRounds;

        @Override
        public Integer call() throws Exception {
            if (port < 1 || port > 65535) {
                throw new UserFacingException("error: --port must be between 1 and 65535, got " + port);
            }
            Optional<Map<String, Object>> running = readState(dir);
            if (running.isPresent()
                    && ProcessHandle.of(((Number) running.get().get("pid")).longValue())
                            .map(ProcessHandle::isAlive)
                            .orElse(false)) {
                throw new UserFacingException("error: a devnet is already running from " + dir + " (pid "
                        + running.get().get("pid") + "); run 'chaoschain devnet down' first");
            }
            try (ServerSocket probe = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new UserFacingException("error: port " + port + " is in use; pick another with --port");
            }
            ConsoleProgress progress = new ConsoleProgress(System.out);
            DemoWorld world =
                    DemoWorld.create(new DemoWorld.Options(dir, 7, warmupRounds, 1000, 20, false, port), progress::say);
            try {
                writeState(world);
            } catch (IOException | RuntimeException e) {
                world.close(); // without a state file 'devnet down' could not find Anvil again
                throw e;
            }
            long pid = world.detach();
            progress.say("devnet up: " + world.rpcUrl() + " (Anvil pid " + pid + ", log "
                    + world.dir().resolve("anvil.log") + ")");
            progress.say("run a node against it:  ./chaoschain node --config " + world.config());
            progress.say("delegates are Anvil dev accounts 1-3; stop it with: ./chaoschain devnet down --dir " + dir);
            return 0;
        }

        private static void writeState(DemoWorld world) throws IOException {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("pid", world.anvil().pid());
            state.put("rpc", world.rpcUrl());
            state.put("deployment", world.deployment());
            state.put("agentId", world.agentId().toString());
            state.put("config", world.config().toString());
            Path tmp = world.dir().resolve(STATE_FILE + ".tmp");
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
            Files.move(tmp, world.dir().resolve(STATE_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the devnet started by 'devnet up'.")
    static final class Down implements Callable<Integer> {
        @Option(
                names = "--dir",
                defaultValue = ".chaoschain/devnet",
                paramLabel = "DIR",
                description = "default: ${DEFAULT-VALUE}")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> state = readState(dir)
                    .orElseThrow(() -> new UserFacingException(
                            "error: no devnet state in " + dir + " (nothing to stop; was it started with --dir?)"));
            long pid = ((Number) state.get("pid")).longValue();
            Optional<ProcessHandle> handle = ProcessHandle.of(pid)
                    .filter(h ->
                            h.info().command().map(c -> c.endsWith("anvil")).orElse(false));
            if (handle.isPresent()) {
                handle.get().destroy();
                handle.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                System.out.println("devnet down: stopped Anvil (pid " + pid + ")");
            } else {
                System.out.println("devnet down: Anvil (pid " + pid + ") was not running");
            }
            Files.delete(dir.resolve(STATE_FILE));
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> readState(Path dir) throws IOException {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(new ObjectMapper().readValue(file.toFile(), Map.class));
    }
}
