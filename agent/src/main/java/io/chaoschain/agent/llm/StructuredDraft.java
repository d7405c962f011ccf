package io.chaoschain.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.agent.MarketTarget;
import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.core.metrics.RateModel;
import io.chaoschain.core.proposal.ParameterChange;
import io.chaoschain.core.proposal.ProposalAction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A draft as the model states it: a function of the market's known ABI with named arguments, the change it claims to
 * make, a title and a description. The node encodes the calldata from the arguments; the model never supplies bytes.
 *
 * @param arguments every parameter of {@link #FUNCTION}, by name, as WAD-scaled integers
 * @param stated the change the model says the call makes (contract, parameter, from, to)
 */
public record StructuredDraft(
        String title, String description, String function, Map<String, BigInteger> arguments, ParameterChange stated) {

    /** The one governance function of the market's ABI the model may call. */
    public static final String FUNCTION = "setRateModel";

    /** Its parameters, in ABI order. */
    public static final List<String> PARAMETERS =
            List.of("baseRatePerYear", "multiplierPerYear", "jumpMultiplierPerYear", "kink");

    /** A bad draft: the message names the field and is what the model is told. */
    public static final class MalformedDraft extends RuntimeException {
        MalformedDraft(String message) {
            super(message);
        }
    }

    /** Reads {@code {function, arguments}} (and, when {@code full}, {@code title, description, change}). */
    static StructuredDraft parse(JsonNode json, MarketTarget target, boolean full) {
        String function = text(json, "function");
        if (!FUNCTION.equals(function) && !RateModelCalls.SET_RATE_MODEL.equals(function)) {
            throw new MalformedDraft("function '" + function + "' is not in the market's ABI; the only governance"
                    + " function is " + RateModelCalls.SET_RATE_MODEL);
        }
        JsonNode args = json.get("arguments");
        if (args == null || !args.isObject()) {
            throw new MalformedDraft("arguments must be an object with " + String.join(", ", PARAMETERS));
        }
        Map<String, BigInteger> values = new LinkedHashMap<>();
        for (String name : PARAMETERS) {
            values.put(name, integer(args.get(name), "arguments." + name));
        }
        List<String> unknown = new ArrayList<>();
        args.fieldNames().forEachRemaining(n -> {
            if (!PARAMETERS.contains(n)) {
                unknown.add(n);
            }
        });
        if (!unknown.isEmpty()) {
            throw new MalformedDraft("arguments has parameters setRateModel does not take: " + unknown);
        }
        if (!full) {
            return new StructuredDraft(null, null, FUNCTION, values, null);
        }
        JsonNode change = json.get("change");
        if (change == null || !change.isObject()) {
            throw new MalformedDraft("change must be an object {parameter, from, to}");
        }
        String parameter = text(change, "change.parameter", change.get("parameter"));
        ParameterChange stated = new ParameterChange(
                target.market(),
                parameter,
                integer(change.get("from"), "change.from"),
                integer(change.get("to"), "change.to"));
        return new StructuredDraft(text(json, "title"), text(json, "description"), FUNCTION, values, stated);
    }

    /** The rate model the arguments describe; the reserve factor is not set by this call and stays as it is. */
    RateModel rateModel(RateModel current) {
        return new RateModel(
                arguments.get("baseRatePerYear"),
                arguments.get("multiplierPerYear"),
                arguments.get("jumpMultiplierPerYear"),
                arguments.get("kink"),
                current.reserveFactor());
    }

    /** The call, encoded by the node. */
    ProposalAction encode(MarketTarget target) {
        return RateModelCalls.setRateModel(target.market(), rateModel(target.model()));
    }

    /**
     * Decodes {@code action}'s calldata and compares it with the stated change and the market's current parameters:
     * the stated parameter must move from its current value to the stated value, and nothing else may move.
     *
     * @return one line per mismatch; empty when the calldata is exactly the stated change
     */
    static List<String> calldataMismatches(ProposalAction action, ParameterChange stated, RateModel current) {
        List<String> problems = new ArrayList<>();
        RateModel set = RateModelCalls.decodeSetRateModel(action.calldata());
        Map<String, BigInteger> before = parameters(current);
        Map<String, BigInteger> after = parameters(set);
        if (!before.containsKey(stated.parameter())) {
            problems.add(
                    "change.parameter '" + stated.parameter() + "' is not a parameter of setRateModel " + PARAMETERS);
            return problems;
        }
        if (!before.get(stated.parameter()).equals(stated.oldValue())) {
            problems.add("change.from " + stated.oldValue() + " is not the current " + stated.parameter() + " "
                    + before.get(stated.parameter()));
        }
        if (!after.get(stated.parameter()).equals(stated.newValue())) {
            problems.add("the calldata sets " + stated.parameter() + "=" + after.get(stated.parameter())
                    + " but change.to states " + stated.newValue());
        }
        if (stated.oldValue().equals(stated.newValue())) {
            problems.add("change.from and change.to are equal: the draft changes nothing");
        }
        for (String name : PARAMETERS) {
            if (!name.equals(stated.parameter()) && !before.get(name).equals(after.get(name))) {
                problems.add("the calldata also changes " + name + " from " + before.get(name) + " to "
                        + after.get(name) + ", which the stated change does not mention");
            }
        }
        return problems;
    }

    static Map<String, BigInteger> parameters(RateModel m) {
        Map<String, BigInteger> p = new LinkedHashMap<>();
        p.put("baseRatePerYear", m.baseRatePerYear());
        p.put("multiplierPerYear", m.multiplierPerYear());
        p.put("jumpMultiplierPerYear", m.jumpMultiplierPerYear());
        p.put("kink", m.kink());
        return p;
    }

    private static String text(JsonNode json, String field) {
        return text(json, field, json.get(field));
    }

    private static String text(JsonNode json, String field, JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MalformedDraft(field + " is required (a string)");
        }
        return node.asText();
    }

    private static BigInteger integer(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new MalformedDraft(field + " is required (a WAD-scaled integer, e.g. \"250000000000000000\")");
        }
        String raw = node.isTextual() ? node.asText().strip() : node.asText();
        try {
            BigInteger value = new java.math.BigDecimal(raw).toBigIntegerExact();
            if (value.signum() < 0) {
                throw new MalformedDraft(field + " must not be negative, got " + raw);
            }
            return value;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new MalformedDraft(field + " must be a WAD-scaled integer, got '" + raw + "'");
        }
    }
}
