package io.chaoschain.agent.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses descriptions that state numbers no tool returned. A claim is a number in the description that carries a
 * unit (a percentage, basis points, blocks, snapshots, transactions, a multiple such as {@code 4x}), has a fractional
 * part, or is 10 or more; small bare counts ("one call", "2 candidates") are not claims. Hex strings (addresses,
 * hashes) are not read as numbers.
 *
 * <p>A claim is supported when some value in the evidence — every number in the transcript's tool results, and the
 * draft's own arguments — equals it within the claim's rounding: {@code 96.3%} matches a tool's 0.9634 (as 96.34 %,
 * within 0.05), {@code 96%} matches it too, {@code 97%} does not. Percentages and basis points match fractions (0.25 =
 * 25 % = 2500 bps) and values already in percent; WAD-scaled integers also count as the fraction they encode (2.5e17
 * = 0.25). Signs are ignored so that "falls by 7%" can cite a tool's -0.07.
 */
public final class NumberGuard {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final BigDecimal WAD = new BigDecimal("1e18");
    private static final BigDecimal WAD_FLOOR = new BigDecimal("1e9");

    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(?:\\s*(%|percent\\b|bps\\b|basis points?\\b"
                    + "|blocks?\\b|snapshots?\\b|samples?\\b|transactions?\\b|txs?\\b|x\\b|×))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

    private NumberGuard() {}

    /**
     * A number the description states.
     *
     * @param text as written, e.g. {@code 89.00%}
     * @param value the number without its unit
     * @param decimals digits after the point, which set the rounding tolerance
     * @param unit the unit in lower case, {@code ""} for none
     */
    public record Claim(String text, BigDecimal value, int decimals, String unit) {
        boolean percent() {
            return unit.equals("%") || unit.equals("percent");
        }

        boolean basisPoints() {
            return unit.equals("bps") || unit.startsWith("basis point");
        }
    }

    /** Every claim in {@code description}, in order. */
    public static List<Claim> claims(String description) {
        String text = HEX.matcher(description).replaceAll(" ");
        List<Claim> claims = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String integer = m.group(1).replace(",", "");
            String fraction = m.group(2);
            String unit = m.group(3) == null ? "" : m.group(3).toLowerCase(Locale.ROOT);
            BigDecimal value = new BigDecimal(fraction == null ? integer : integer + "." + fraction);
            boolean claim = !unit.isEmpty() || fraction != null || value.compareTo(BigDecimal.TEN) >= 0;
            if (claim) {
                claims.add(new Claim(m.group().strip(), value, fraction == null ? 0 : fraction.length(), unit));
            }
        }
        return claims;
    }

    /** The claims of {@code description} that no value of {@code evidence} supports. */
    public static List<Claim> unsupported(String description, Collection<BigDecimal> evidence) {
        return claims(description).stream().filter(c -> !supported(c, evidence)).toList();
    }

    static boolean supported(Claim claim, Collection<BigDecimal> evidence) {
        BigDecimal tolerance = BigDecimal.ONE.movePointLeft(claim.decimals()).divide(BigDecimal.TWO);
        for (BigDecimal raw : evidence) {
            BigDecimal v = raw.abs();
            List<BigDecimal> readings = new ArrayList<>();
            readings.add(v);
            if (claim.percent()) {
                readings.add(v.multiply(HUNDRED));
            } else if (claim.basisPoints()) {
                readings.add(v.multiply(TEN_THOUSAND));
            }
            for (BigDecimal reading : readings) {
                if (reading.subtract(claim.value()).abs().compareTo(tolerance) <= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Every number in {@code toolResults} (JSON numbers and numeric strings; plain text is scanned for numbers), each
     * WAD-scaled integer also as the fraction it encodes, plus {@code extra} values (the draft's own arguments).
     */
    public static Set<BigDecimal> evidence(List<String> toolResults, Collection<BigInteger> extra) {
        Set<BigDecimal> values = new LinkedHashSet<>();
        for (String result : toolResults) {
            try {
                collect(Json.mapper().readTree(result), values);
            } catch (JsonProcessingException e) {
                scan(result, values);
            }
        }
        extra.forEach(i -> add(new BigDecimal(i), values));
        return values;
    }

    private static void collect(JsonNode node, Set<BigDecimal> values) {
        if (node.isNumber()) {
            add(node.decimalValue(), values);
        } else if (node.isTextual()) {
            scan(node.asText(), values);
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, values));
        }
    }

    private static void scan(String text, Set<BigDecimal> values) {
        Matcher m = ANY_NUMBER.matcher(HEX.matcher(text).replaceAll(" "));
        while (m.find()) {
            add(new BigDecimal(m.group()), values);
        }
    }

    private static void add(BigDecimal value, Set<BigDecimal> values) {
        values.add(value);
        if (value.abs().compareTo(WAD_FLOOR) >= 0 && value.stripTrailingZeros().scale() <= 0) {
            values.add(value.divide(WAD));
        }
    }
}
