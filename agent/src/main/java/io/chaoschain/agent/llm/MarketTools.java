package io.chaoschain.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.chaoschain.agent.AnalystSettings;
import io.chaoschain.agent.CandidateVerdict;
import io.chaoschain.agent.GovernanceAgent;
import io.chaoschain.agent.MarketTarget;
import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.core.Json;
import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.simulation.ProposalSimulator;
import io.chaoschain.core.simulation.SimulationReport;
import io.chaoschain.core.simulation.SimulationRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tools the model may call during one decision, over one market's evidence window. Results are JSON; numbers are
 * written as strings (fractions as plain decimals, WAD values as integers) so no client rounds them.
 */
public final class MarketTools {
    public static final String MARKET_METRICS = "market_metrics";
    public static final String MARKET_PARAMETERS = "market_parameters";
    public static final String GOVERNANCE_HISTORY = "governance_history";
    public static final String SIMULATE = "simulate";
    public static final String SUBMIT_DRAFT = "submit_draft";

    private static final BigDecimal WAD = new BigDecimal("1e18");
    private static final int MAX_SERIES = 50;

    /**
     * What the tools read: the market, its evidence window, and where its candidates are simulated.
     *
     * @param rpcUrl the chain forked for simulation
     * @param replayFromBlock first block of traffic replayed
     * @param replayToBlock last block replayed; the fork is taken there
     */
    public record Window(
            MarketTarget target,
            List<MarketSnapshot> history,
            String rpcUrl,
            long replayFromBlock,
            long replayToBlock) {
        public Window {
            history = history.stream()
                    .sorted(Comparator.comparingLong(MarketSnapshot::blockNumber))
                    .toList();
        }
    }

    private final Window window;
    private final ProposalSimulator simulator;
    private final AnalystSettings judgement;
    private final GovernanceHistory governance;
    private final List<CandidateVerdict> verdicts = new ArrayList<>();

    MarketTools(Window window, ProposalSimulator simulator, AnalystSettings judgement, GovernanceHistory governance) {
        this.window = window;
        this.simulator = simulator;
        this.judgement = judgement;
        this.governance = governance;
    }

    /** Every candidate simulated so far, in order. */
    List<CandidateVerdict> verdicts() {
        return List.copyOf(verdicts);
    }

    static List<ToolSpecification> specifications() {
        JsonObjectSchema arguments = JsonObjectSchema.builder()
                .description("setRateModel's parameters as WAD-scaled integers in decimal strings (1e18 = 100%)")
                .addStringProperty("baseRatePerYear")
                .addStringProperty("multiplierPerYear")
                .addStringProperty("jumpMultiplierPerYear")
                .addStringProperty("kink")
                .required(StructuredDraft.PARAMETERS)
                .build();
        return List.of(
                ToolSpecification.builder()
                        .name(MARKET_METRICS)
                        .description("The market's metric time series over the evidence window (utilization,"
                                + " borrow and supply APR as fractions, borrows and cash in asset units) with the"
                                + " mean, minimum and maximum of each rate.")
                        .parameters(JsonObjectSchema.builder()
                                .addIntegerProperty(
                                        "last",
                                        "only the most recent N snapshots (default: all, at most " + MAX_SERIES + ")")
                                .build())
                        .build(),
                ToolSpecification.builder()
                        .name(MARKET_PARAMETERS)
                        .description("The market's current rate-model parameters (WAD and fraction), the governance"
                                + " function that sets them, and the targets a candidate must meet in simulation.")
                        .parameters(JsonObjectSchema.builder().build())
                        .build(),
                ToolSpecification.builder()
                        .name(GOVERNANCE_HISTORY)
                        .description("Past proposals on this chain for this market, newest first, with their"
                                + " state and measured outcome.")
                        .parameters(JsonObjectSchema.builder()
                                .addIntegerProperty("limit", "how many (default 10)")
                                .build())
                        .build(),
                ToolSpecification.builder()
                        .name(SIMULATE)
                        .description("Executes a candidate call by the timelock on a fork of the chain, replays the"
                                + " window's traffic and returns the verdict with metrics before and after.")
                        .parameters(JsonObjectSchema.builder()
                                .addStringProperty("function", "setRateModel")
                                .addProperty("arguments", arguments)
                                .required("function", "arguments")
                                .build())
                        .build(),
                ToolSpecification.builder()
                        .name(SUBMIT_DRAFT)
                        .description("Submits the final draft. Every number in the description must come from a"
                                + " tool result; the node encodes the calldata from function and arguments and checks"
                                + " it makes exactly the stated change. A refusal says what failed.")
                        .parameters(JsonObjectSchema.builder()
                                .addStringProperty("title", "one line")
                                .addStringProperty("description", "markdown: evidence, the change, the simulation")
                                .addStringProperty("function", "setRateModel")
                                .addProperty("arguments", arguments)
                                .addProperty(
                                        "change",
                                        JsonObjectSchema.builder()
                                                .addStringProperty("parameter", "the one parameter changed")
                                                .addStringProperty("from", "its current WAD value")
                                                .addStringProperty("to", "the WAD value set")
                                                .required("parameter", "from", "to")
                                                .build())
                                .required("title", "description", "function", "arguments", "change")
                                .build())
                        .build());
    }

    /** Runs an evidence tool; an unknown tool or bad arguments give an {@code error:} line the model can act on. */
    String execute(String tool, JsonNode args) {
        return switch (tool) {
            case MARKET_METRICS -> metrics(optionalInt(args, "last", MAX_SERIES));
            case MARKET_PARAMETERS -> parameters();
            case GOVERNANCE_HISTORY -> history(optionalInt(args, "limit", 10));
            case SIMULATE -> {
                StructuredDraft candidate = StructuredDraft.parse(args, window.target(), false);
                yield Json.write(simulationResult(simulate(candidate)));
            }
            default ->
                "error: unknown tool '" + tool + "'; the tools are " + MARKET_METRICS + ", " + MARKET_PARAMETERS + ", "
                        + GOVERNANCE_HISTORY + ", " + SIMULATE + ", " + SUBMIT_DRAFT;
        };
    }

    /** Simulates {@code draft}'s call exactly as the node encodes it, and judges it as the rules analyst would. */
    CandidateVerdict simulate(StructuredDraft draft) {
        MarketTarget target = window.target();
        SimulationRequest request = new SimulationRequest(
                window.rpcUrl(),
                target.executor(),
                List.of(draft.encode(target)),
                window.replayFromBlock(),
                window.replayToBlock(),
                List.of(target.market()),
                GovernanceAgent.probes(target.market()));
        SimulationReport report = simulator.simulate(request);
        CandidateVerdict verdict =
                CandidateVerdict.judge(draft.arguments().get("jumpMultiplierPerYear"), report, judgement);
        verdicts.add(verdict);
        return verdict;
    }

    static Map<String, Object> simulationResult(CandidateVerdict v) {
        SimulationReport r = v.report();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("passed", v.passed());
        out.put("reasons", v.reasons());
        out.put("before", r.metricsBefore());
        out.put("after", r.metricsAfter());
        Map<String, BigDecimal> delta = new LinkedHashMap<>();
        r.metricsAfter().forEach((k, after) -> {
            BigDecimal before = r.metricsBefore().get(k);
            if (before != null) {
                delta.put(k, after.subtract(before));
            }
        });
        out.put("change", delta);
        out.put("actionsSucceeded", r.allActionsSucceeded());
        out.put("replayedTransactions", r.withProposal().transactions());
        out.put("revertedWithoutProposal", r.baseline().reverted());
        out.put("revertedWithProposal", r.withProposal().reverted());
        out.put("reportHash", r.reportHash());
        return out;
    }

    private String metrics(int last) {
        List<MarketSnapshot> all = window.history();
        List<MarketSnapshot> series = all.subList(Math.max(0, all.size() - Math.min(last, MAX_SERIES)), all.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("market", window.target().market());
        out.put("samples", series.size());
        if (!series.isEmpty()) {
            out.put("fromBlock", series.getFirst().blockNumber());
            out.put("toBlock", series.getLast().blockNumber());
        }
        out.put(
                "series",
                series.stream()
                        .map(s -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("block", s.blockNumber());
                            row.put("utilization", s.utilization());
                            row.put("borrowApr", s.borrowApr());
                            row.put("supplyApr", s.supplyApr());
                            row.put("totalBorrows", s.totalBorrows());
                            row.put("cash", s.cash());
                            return row;
                        })
                        .toList());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("utilization", stats(series, MarketSnapshot::utilization));
        summary.put("borrowApr", stats(series, MarketSnapshot::borrowApr));
        summary.put("supplyApr", stats(series, MarketSnapshot::supplyApr));
        out.put("summary", summary);
        return Json.write(out);
    }

    static Map<String, BigDecimal> stats(List<MarketSnapshot> series, Function<MarketSnapshot, BigDecimal> field) {
        Map<String, BigDecimal> s = new LinkedHashMap<>();
        if (series.isEmpty()) {
            return s;
        }
        List<BigDecimal> values = series.stream().map(field).toList();
        s.put(
                "mean",
                values.stream()
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64)
                        .stripTrailingZeros());
        s.put("min", values.stream().min(Comparator.naturalOrder()).orElseThrow());
        s.put("max", values.stream().max(Comparator.naturalOrder()).orElseThrow());
        return s;
    }

    private String parameters() {
        MarketTarget target = window.target();
        Map<String, Object> params = new LinkedHashMap<>();
        StructuredDraft.parameters(target.model()).forEach((name, wad) -> params.put(name, wadEntry(wad)));
        if (target.model().reserveFactor() != null) {
            params.put("reserveFactor", wadEntry(target.model().reserveFactor()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("market", target.market());
        out.put("chain", target.chain());
        out.put("function", RateModelCalls.SET_RATE_MODEL);
        out.put("parameters", params);
        out.put(
                "targets",
                Map.of(
                        "maxProjectedUtilization", judgement.targetUtilization(),
                        "maxProjectedBorrowApr", judgement.maxBorrowApr()));
        out.put("note", "WAD: 1e18 = 100%; setRateModel does not change reserveFactor");
        return Json.write(out);
    }

    private static Map<String, Object> wadEntry(BigInteger wad) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("wad", wad);
        e.put("fraction", new BigDecimal(wad).divide(WAD).stripTrailingZeros());
        return e;
    }

    private String history(int limit) {
        var proposals = governance.recent(window.target().market(), Math.max(1, Math.min(limit, 50)));
        return Json.write(Map.of("proposals", proposals));
    }

    private static int optionalInt(JsonNode args, String field, int fallback) {
        JsonNode n = args == null ? null : args.get(field);
        return n != null && n.canConvertToInt() && n.asInt() > 0 ? n.asInt() : fallback;
    }
}
