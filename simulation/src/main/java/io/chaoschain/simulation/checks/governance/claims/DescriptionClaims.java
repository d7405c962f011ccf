package io.chaoschain.simulation.checks.governance.claims;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a proposal's description says it does, as {@link ClaimExtractor} reads it from prose or markdown.
 *
 * @param text the description flattened to plain lower-case text (markdown removed), for word look-ups
 * @param amounts amounts of tokens or ETH, each with what the text says happens to it
 * @param settings parameters and the values the text says they get
 * @param actionCount the number of actions the text states ("two actions"), or null when it states none
 * @param addresses every full hex address the text names, lower-case, in order
 * @param names ENS-like names ({@code grants.uniswap.eth}), kept as text: nothing here resolves them
 */
public record DescriptionClaims(
        String text,
        List<Amount> amounts,
        List<Setting> settings,
        Integer actionCount,
        List<String> addresses,
        List<String> names) {

    public DescriptionClaims {
        amounts = List.copyOf(amounts);
        settings = List.copyOf(settings);
        addresses = List.copyOf(addresses);
        names = List.copyOf(names);
    }

    /** What the text says happens to an amount. */
    public enum Verb {
        /** It is sent, granted, paid, supplied, minted: a balance must change by it. */
        MOVE,
        /** It is approved: an allowance must be set to it. */
        APPROVE,
        /** It is only mentioned (a cap, a budget, a past figure): nothing is expected of it. */
        MENTION
    }

    /**
     * An amount the description states.
     *
     * @param value the amount in whole tokens (1.5M is 1500000)
     * @param token the symbol as written ({@code USDC}, {@code ETH}), or null when none follows the number
     * @param verb what the text says happens to it
     * @param recipient the address written after it in the same clause (to whom), or null
     * @param approximate true when written as an estimate ("~", "about", "roughly")
     * @param clause the clause it was read from, for evidence
     */
    public record Amount(
            BigDecimal value, String token, Verb verb, String recipient, boolean approximate, String clause) {

        /** True for ETH and ether amounts. */
        public boolean ether() {
            return token != null && (token.equalsIgnoreCase("eth") || token.equalsIgnoreCase("ether"));
        }

        @Override
        public String toString() {
            return value.stripTrailingZeros().toPlainString() + (token == null ? "" : " " + token);
        }
    }

    /**
     * A parameter the description says is set: "raise the collateral factor of cUSDC to 80%", "reserve factor 15 %",
     * "switch the price oracle to 0x…".
     *
     * @param words the parameter's name as lower-case content words ({@code [collateral, factor, cusdc]})
     * @param value the number stated, or null for an address setting
     * @param unit {@code %}, {@code bps}, a time unit ({@code days}), or null for a bare number
     * @param address the address stated as the new value, or null for a number
     * @param clause the clause it was read from, for evidence
     */
    public record Setting(List<String> words, BigDecimal value, String unit, String address, String clause) {
        public Setting {
            words = List.copyOf(words);
        }

        @Override
        public String toString() {
            String v = address != null
                    ? address
                    : value.stripTrailingZeros().toPlainString() + (unit == null ? "" : " " + unit);
            return String.join(" ", words) + " = " + v;
        }
    }

    /** True when the text contains any of the words or phrases (lower-case, matched on word starts). */
    public boolean mentions(List<String> words) {
        for (String w : words) {
            if (Pattern.compile("(?<![a-z0-9])" + Pattern.quote(w.toLowerCase(Locale.ROOT)))
                    .matcher(text)
                    .find()) {
                return true;
            }
        }
        return false;
    }

    /** True when the text names {@code address} in full. */
    public boolean names(String address) {
        return address != null && addresses.contains(address.toLowerCase(Locale.ROOT));
    }
}
