package io.chaoschain.p2p.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.PeerId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A js-libp2p reference peer (src/test/js/peer.mjs) in a child process, driven over stdio JSON lines. */
public final class JsPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Writer stdin;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Object eventLock = new Object();

    private JsPeer(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().start(this::readStdout);
        Thread.ofVirtual().start(this::readStderr);
    }

    public static Path jsDir() {
        String dir = System.getProperty("p2p.js.dir");
        Path p = dir != null ? Path.of(dir) : Path.of("src/test/js");
        if (!Files.isDirectory(p.resolve("node_modules/libp2p"))) {
            throw new IllegalStateException(
                    "js-libp2p is not installed in " + p + "; run: bash " + p.resolve("ensure-deps.sh"));
        }
        return p;
    }

    /** Starts a peer; {@code config} is passed to peer.mjs (listen, topics, D, heartbeatMs...). */
    public static JsPeer start(Map<String, Object> config) throws IOException {
        Path dir = jsDir();
        ProcessBuilder pb =
                new ProcessBuilder("node", "peer.mjs", JSON.writeValueAsString(config)).directory(dir.toFile());
        JsPeer peer = new JsPeer(pb.start());
        try {
            peer.ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            peer.close();
            throw new IOException("js peer did not start: " + e + "\nstderr: " + peer.stderr, e);
        }
        return peer;
    }

    private void readStdout() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                String event = n.path("event").asText();
                switch (event) {
                    case "ready" -> ready.complete(n);
                    case "reply" -> {
                        CompletableFuture<JsonNode> f =
                                replies.remove(n.path("id").asInt());
                        if (f != null) {
                            f.complete(n);
                        }
                    }
                    default -> {
                        synchronized (eventLock) {
                            events.add(n);
                            eventLock.notifyAll();
                        }
                    }
                }
            }
        } catch (IOException ignored) {
            // process ended
        }
        ready.completeExceptionally(new IOException("js peer exited"));
    }

    private void readStderr() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (stderr) {
                    if (stderr.length() < 20_000) {
                        stderr.append(line).append('\n');
                    }
                }
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    public PeerId peerId() {
        return PeerId.parse(ready.join().path("peerId").asText());
    }

    /** The peer's TCP listen address including /p2p. */
    public Multiaddr addr() {
        return Multiaddr.parse(ready.join().path("addrs").get(0).asText());
    }

    /** Runs a command and returns its result, failing with the JS error text when it failed. */
    public JsonNode command(String cmd, Map<String, Object> args) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.valueToTree(args);
        msg.put("cmd", cmd);
        msg.put("id", id);
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        replies.put(id, f);
        synchronized (stdin) {
            stdin.write(JSON.writeValueAsString(msg) + "\n");
            stdin.flush();
        }
        JsonNode reply;
        try {
            reply = f.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("js command " + cmd + " got no reply: " + e + "\nstderr: " + stderr, e);
        }
        if (!reply.path("ok").asBoolean()) {
            throw new IOException(
                    "js command " + cmd + " failed: " + reply.path("error").asText());
        }
        return reply.path("result");
    }

    public JsonNode command(String cmd) throws IOException {
        return command(cmd, Map.of());
    }

    public List<JsonNode> events(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : events) {
            if (n.path("event").asText().equals(type)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Waits until an event matching {@code match} has arrived; returns it. */
    public JsonNode awaitEvent(String type, Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (eventLock) {
            while (true) {
                for (JsonNode n : events) {
                    if (n.path("event").asText().equals(type) && match.test(n)) {
                        return n;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(
                            "no " + type + " event within " + timeout + "; events: " + events + "\nstderr: " + stderr);
                }
                eventLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
