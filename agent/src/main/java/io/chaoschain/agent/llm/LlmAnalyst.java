package io.chaoschain.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.chaoschain.agent.AgentDecision;
import io.chaoschain.agent.Analyst;
import io.chaoschain.agent.AnalystSettings;
import io.chaoschain.agent.CandidateVerdict;
import io.chaoschain.agent.MarketTarget;
import io.chaoschain.agent.Opportunity;
import io.chaoschain.agent.insight.PriorAdvisor;
import io.chaoschain.agent.policy.PolicyGuard;
import io.chaoschain.agent.policy.PolicyViolationException;
import io.chaoschain.core.Json;
import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.simulation.ProposalSimulator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An analyst that lets a language model reason over the market through {@link MarketTools} and submit a structured
 * draft. Before anything is simulated the draft must pass the {@link NumberGuard} and its calldata, encoded by the
 * node, must decode to exactly the stated change; then it must pass simulation and the agent's policy. Each refusal is
 * sent back to the model with its reasons, up to {@link LlmSettings#maxAttempts()} drafts. A provider that fails,
 * times out or answers malformed JSON ends the decision as {@link AgentDecision.Abandoned}: nothing is submitted and
 * the agent waits for fresh evidence.
 */
public final class LlmAnalyst implements Analyst {
    private final String name;
    private final LlmSettings settings;
    private final ChatModel model;
    private final List<String> secrets;
    private final ProposalSimulator simulator;
    private final PolicyGuard policy;
    private final AnalystSettings judgement;
    private final GovernanceHistory governance;
    private final GuardStats stats;
    private final Consumer<String> progress;
    private volatile DecisionTranscript lastTranscript;

    /** Everything an LLM analyst is built from apart from its model. */
    public record Parts(
            ProposalSimulator simulator,
            PolicyGuard policy,
            AnalystSettings judgement,
            GovernanceHistory governance,
            GuardStats stats,
            Consumer<String> progress) {}

    LlmAnalyst(String name, LlmSettings settings, ChatModel model, List<String> secrets, Parts parts) {
        this.name = name;
        this.settings = settings;
        this.model = model;
        this.secrets = List.copyOf(secrets);
        this.simulator = parts.simulator();
        this.policy = parts.policy();
        this.judgement = parts.judgement();
        this.governance = parts.governance();
        this.stats = parts.stats();
        this.progress = parts.progress();
    }

    /**
     * Builds the analyst and its chat model; the API key is read from {@code settings.apiKeyEnv()} through {@code env}.
     *
     * @throws IllegalArgumentException when the key's variable is not set
     */
    public static LlmAnalyst create(String name, LlmSettings settings, Function<String, String> env, Parts parts) {
        String key = ChatModels.apiKey(settings, env);
        ChatModel model = ChatModels.create(settings, env);
        return new LlmAnalyst(name, settings, model, key == null ? List.of() : List.of(key), parts);
    }

    @Override
    public String name() {
        return name;
    }

    public LlmSettings settings() {
        return settings;
    }

    /** The transcript of the most recent decision, or null before the first. */
    public DecisionTranscript lastTranscript() {
        return lastTranscript;
    }

    public GuardStats stats() {
        return stats;
    }

    @Override
    public AgentDecision decide(
            MarketTarget target,
            List<MarketSnapshot> history,
            String rpcUrl,
            long replayFromBlock,
            long replayToBlock,
            PriorAdvisor advisor) {
        var window = new MarketTools.Window(target, history, rpcUrl, replayFromBlock, replayToBlock);
        var transcript = new DecisionTranscript(settings.modelId());
        lastTranscript = transcript;
        Opportunity evidence = evidence(window);
        if (history.size() < judgement.minSamples()) {
            return end(
                    transcript,
                    new AgentDecision.NoOpportunity(
                            "only " + history.size() + " snapshots; need " + judgement.minSamples()));
        }
        var run = new Run(window, transcript, new MarketTools(window, simulator, judgement, governance), evidence);
        try {
            return end(transcript, run.converse());
        } catch (RuntimeException e) {
            String reason = "analyst " + settings.modelId() + " at " + settings.baseUrl() + " failed: " + oneLine(e)
                    + "; nothing submitted, waiting for fresh evidence";
            return end(transcript, new AgentDecision.Abandoned(evidence, run.tools.verdicts(), reason));
        }
    }

    private AgentDecision end(DecisionTranscript transcript, AgentDecision decision) {
        String summary = switch (decision) {
            case AgentDecision.NoOpportunity n -> "no opportunity: " + n.reason();
            case AgentDecision.Abandoned a -> "abandoned: " + a.reason();
            case AgentDecision.Finalized f -> "finalized: " + f.draft().title();
        };
        transcript.add(new TranscriptEntry.Outcome(summary));
        progress.accept("llm " + settings.modelId() + ": " + summary);
        return decision;
    }

    /** The state of one conversation. */
    private final class Run {
        final MarketTools.Window window;
        final DecisionTranscript transcript;
        final MarketTools tools;
        final Opportunity evidence;
        final List<ChatMessage> messages = new ArrayList<>();
        int tokens;
        int toolCalls;
        int attempts;

        Run(MarketTools.Window window, DecisionTranscript transcript, MarketTools tools, Opportunity evidence) {
            this.window = window;
            this.transcript = transcript;
            this.tools = tools;
            this.evidence = evidence;
        }

        AgentDecision converse() {
            String system = Prompts.system(settings.maxAttempts());
            String user = Prompts.task(window.target(), name);
            transcript.add(new TranscriptEntry.Prompt(system, user));
            messages.add(SystemMessage.from(system));
            messages.add(UserMessage.from(user));
            while (true) {
                ChatResponse response = model.chat(ChatRequest.builder()
                        .messages(messages)
                        .toolSpecifications(MarketTools.specifications())
                        .build());
                AiMessage reply = response.aiMessage();
                int used =
                        response.tokenUsage() == null || response.tokenUsage().totalTokenCount() == null
                                ? 0
                                : response.tokenUsage().totalTokenCount();
                tokens += used;
                List<ToolExecutionRequest> requests =
                        reply.hasToolExecutionRequests() ? reply.toolExecutionRequests() : List.of();
                transcript.add(new TranscriptEntry.ModelReply(
                        reply.text() == null ? "" : reply.text(),
                        requests.stream().map(ToolExecutionRequest::name).toList(),
                        used));
                messages.add(reply);
                if (requests.isEmpty()) {
                    String said = reply.text() == null || reply.text().isBlank() ? "(no text)" : reply.text();
                    return new AgentDecision.NoOpportunity("the model proposes nothing: " + firstLine(said));
                }
                if (tokens > settings.tokenBudget()) {
                    return giveUp("the decision used " + tokens + " tokens, over its budget of "
                            + settings.tokenBudget() + " (analyst.tokenBudget)");
                }
                for (ToolExecutionRequest request : requests) {
                    toolCalls++;
                    if (toolCalls > settings.maxToolCalls()) {
                        return giveUp("the model made more than " + settings.maxToolCalls()
                                + " tool calls (analyst.maxToolCalls)");
                    }
                    JsonNode args = arguments(request.arguments());
                    String result;
                    if (MarketTools.SUBMIT_DRAFT.equals(request.name())) {
                        attempts++;
                        Review review = review(args);
                        if (review.decision() != null) {
                            record(request, review.message());
                            return review.decision();
                        }
                        result = review.message();
                        if (attempts >= settings.maxAttempts()) {
                            record(request, result);
                            return giveUp(attempts + " drafts refused (analyst.maxAttempts); last: "
                                    + String.join(
                                            "; ",
                                            transcript.refusals().getLast().reasons()));
                        }
                    } else {
                        result = evidenceTool(request.name(), args);
                    }
                    record(request, result);
                }
            }
        }

        private String evidenceTool(String tool, JsonNode args) {
            try {
                return tools.execute(tool, args);
            } catch (StructuredDraft.MalformedDraft e) {
                return "error: " + e.getMessage();
            }
        }

        private void record(ToolExecutionRequest request, String result) {
            transcript.add(new TranscriptEntry.ToolCall(request.id(), request.name(), request.arguments(), result));
            messages.add(ToolExecutionResultMessage.from(request, result));
        }

        private AgentDecision giveUp(String why) {
            return new AgentDecision.Abandoned(
                    evidence, tools.verdicts(), "gave up: " + why + "; nothing submitted, waiting for fresh evidence");
        }

        /** The guard, then simulation, then policy; the first that refuses ends the review with its reasons. */
        private Review review(JsonNode args) {
            String modelId = settings.modelId();
            stats.draft(modelId);
            MarketTarget target = window.target();
            StructuredDraft draft;
            try {
                draft = StructuredDraft.parse(args, target, true);
            } catch (StructuredDraft.MalformedDraft e) {
                return refuse(true, List.of(e.getMessage()));
            }
            ProposalAction action = draft.encode(target);
            List<String> reasons =
                    new ArrayList<>(StructuredDraft.calldataMismatches(action, draft.stated(), target.model()));
            List<BigInteger> ownValues = new ArrayList<>(draft.arguments().values());
            ownValues.add(draft.stated().oldValue());
            ownValues.add(draft.stated().newValue());
            var evidenceValues = NumberGuard.evidence(transcript.toolResults(), ownValues);
            for (NumberGuard.Claim claim :
                    NumberGuard.unsupported(draft.title() + "\n" + draft.description(), evidenceValues)) {
                reasons.add("the claim \"" + claim.text() + "\" matches no value in the tool results");
            }
            if (!reasons.isEmpty()) {
                return refuse(true, reasons);
            }
            progress.accept("llm " + modelId + ": draft " + attempts + " passed the guard; simulating it");
            CandidateVerdict verdict = tools.simulate(draft);
            if (!verdict.passed()) {
                stats.simulationRefused(modelId);
                List<String> failed = new ArrayList<>();
                failed.add("the draft's simulation did not pass (report "
                        + verdict.report().reportHash() + ")");
                failed.addAll(verdict.reasons());
                return refuse(false, failed);
            }
            ProposalDraft proposal = new ProposalDraft(
                    draft.title(),
                    draft.description().strip() + "\n\n---\nDrafted by " + modelId + " for ChaosChain agent `" + name
                            + "`; every number above was checked against the decision's tool results. Simulation"
                            + " report hash: `" + verdict.report().reportHash() + "`.\n",
                    List.of(action),
                    draft.stated());
            try {
                policy.check(proposal, verdict.report(), verdict.passed(), target.model());
            } catch (PolicyViolationException e) {
                return refuse(false, List.of("policy: " + e.getMessage()));
            }
            stats.finalized(modelId);
            var decision = new AgentDecision.Finalized(evidence, proposal, verdict, tools.verdicts());
            return new Review(
                    decision,
                    Json.write(java.util.Map.of(
                            "accepted", true, "reportHash", verdict.report().reportHash())));
        }

        private Review refuse(boolean byGuard, List<String> reasons) {
            if (byGuard) {
                stats.guardRefused(settings.modelId());
            }
            transcript.add(new TranscriptEntry.Refusal(attempts, reasons));
            progress.accept(
                    "llm " + settings.modelId() + ": draft " + attempts + " refused: " + String.join("; ", reasons));
            StringBuilder text = new StringBuilder("refused (draft " + attempts + " of " + settings.maxAttempts()
                    + "); nothing was submitted. Fix every point and call submit_draft again:\n");
            reasons.forEach(r -> text.append("- ").append(r).append('\n'));
            return new Review(null, text.toString());
        }
    }

    /** A reviewed draft: the decision when it was accepted, else null, and what the model is told. */
    private record Review(AgentDecision decision, String message) {}

    private static JsonNode arguments(String raw) {
        if (raw == null || raw.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = Json.mapper().readTree(raw);
            return node.isObject() ? node : JsonNodeFactory.instance.objectNode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    /** The evidence window summarized for the decision records (an LLM decision has no rule-based detector). */
    private Opportunity evidence(MarketTools.Window window) {
        List<MarketSnapshot> h = window.history();
        var util = MarketTools.stats(h, MarketSnapshot::utilization);
        var borrow = MarketTools.stats(h, MarketSnapshot::borrowApr);
        var supply = MarketTools.stats(h, MarketSnapshot::supplyApr);
        int stressed = (int) h.stream()
                .filter(s -> s.utilization().compareTo(judgement.highUtilization()) > 0)
                .count();
        return new Opportunity(
                window.target().market(),
                "llm-analysis",
                settings.modelId() + " read " + h.size() + " snapshots of the market through its tools",
                h.isEmpty() ? window.replayFromBlock() : h.getFirst().blockNumber(),
                h.isEmpty() ? window.replayToBlock() : h.getLast().blockNumber(),
                h.size(),
                stressed,
                util.getOrDefault("mean", BigDecimal.ZERO),
                util.getOrDefault("max", BigDecimal.ZERO),
                borrow.getOrDefault("mean", BigDecimal.ZERO),
                supply.getOrDefault("mean", BigDecimal.ZERO));
    }

    /** One line naming the failure, with any secret blanked out. */
    private String oneLine(Throwable e) {
        String line = describe(e);
        for (String secret : secrets) {
            line = line.replace(secret, "***");
        }
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
                return "malformed response (not the provider's JSON: " + firstLine(json.getOriginalMessage()) + ")";
            }
            if (t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof java.net.http.HttpTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return "no answer within " + settings.timeout().toMillis() + " ms (analyst.timeoutMs)";
            }
            if (t instanceof dev.langchain4j.exception.HttpException http) {
                return "HTTP " + http.statusCode() + ": " + firstLine(String.valueOf(http.getMessage()));
            }
            if (t instanceof java.net.ConnectException) {
                return "cannot connect; is the server running at analyst.baseUrl?";
            }
        }
        Throwable t = e;
        while (t.getCause() != null
                && t.getCause() != t
                && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : t.getMessage();
        return t.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + firstLine(message));
    }

    private static String firstLine(String text) {
        String s = text.strip();
        int nl = s.indexOf('\n');
        s = nl < 0 ? s : s.substring(0, nl);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
