package io.chaoschain.simulation.checks.governance.claims;

import io.chaoschain.simulation.checks.governance.claims.DescriptionClaims.Amount;
import io.chaoschain.simulation.checks.governance.claims.DescriptionClaims.Setting;
import io.chaoschain.simulation.checks.governance.claims.DescriptionClaims.Verb;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the claims of a proposal description written in prose or markdown: amounts with their tokens and recipients
 * ("transfer 250,000 USDC to 0x…", "1.5M COMP", "100 ETH"), parameters and their values ("raise the collateral factor
 * of cUSDC to 80%", "switch the price oracle to 0x…"), the number of actions ("two actions"), the addresses and
 * ENS-like names it mentions. Deterministic: clauses are split on sentence ends, lines and semicolons, and what an
 * amount is for is read from the nearest verb before it in its clause.
 */
public final class ClaimExtractor {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}(?![0-9a-fA-F])");
    private static final Pattern OTHER_HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern MASK = Pattern.compile("@A(\\d+)@");
    private static final Pattern ENS =
            Pattern.compile("(?<![\\w.-])[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.eth(?![\\w-])");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.#/@,-])"
                    + "(?<hedge>~|≈|about |approximately |approx\\. |around |roughly |nearly |almost |some )?"
                    + "(?<cur>\\$)?(?<int>\\d{1,3}(?:,\\d{3})+|\\d+)(?<frac>\\.\\d+)?"
                    + "(?:\\s?(?<mult>k|mm|m|bn|b|thousand|million|billion)(?![a-z0-9]))?"
                    + "(?:\\s?(?<unit>%|percent\\b|bps\\b|basis points\\b|days?\\b|hours?\\b|weeks?\\b|blocks?\\b|"
                    + "seconds?\\b))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN_AFTER =
            Pattern.compile("\\G\\s*(?<tok>[A-Za-z][A-Za-z0-9]{0,11})(?![A-Za-z0-9])");
    private static final Pattern SYMBOL = Pattern.compile("[a-z]{0,3}[A-Z][A-Z0-9]+[a-z]?");
    private static final Pattern ACTION_COUNT = Pattern.compile(
            "(?<!(?:in|into|per|within|each|every) )\\b(one|two|three|four|five|six|seven|eight|nine|ten|single"
                    + "|\\d{1,2})\\s+(?:[a-z-]+\\s+)?(?:actions?|calls?|operations?)\\b");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", 1),
            Map.entry("single", 1),
            Map.entry("two", 2),
            Map.entry("three", 3),
            Map.entry("four", 4),
            Map.entry("five", 5),
            Map.entry("six", 6),
            Map.entry("seven", 7),
            Map.entry("eight", 8),
            Map.entry("nine", 9),
            Map.entry("ten", 10));

    static final Set<String> MOVE_VERBS = Set.of(
            "transfer",
            "transfers",
            "transferring",
            "send",
            "sends",
            "sending",
            "pay",
            "pays",
            "paying",
            "grant",
            "grants",
            "granting",
            "fund",
            "funds",
            "funding",
            "move",
            "moves",
            "moving",
            "supply",
            "supplies",
            "supplying",
            "deposit",
            "deposits",
            "depositing",
            "distribute",
            "distributes",
            "distributing",
            "allocate",
            "allocates",
            "allocating",
            "disburse",
            "disburses",
            "reimburse",
            "reimburses",
            "mint",
            "mints",
            "minting",
            "withdraw",
            "withdraws",
            "sweep",
            "sweeps",
            "bridge",
            "bridges",
            "donate",
            "donates",
            "award",
            "awards",
            "compensate",
            "give",
            "gives",
            "return",
            "returns",
            "repay",
            "repays",
            "seed",
            "seeds",
            "burn",
            "burns");
    private static final Set<String> MOVED = Set.of(
            "transferred",
            "sent",
            "paid",
            "granted",
            "moved",
            "minted",
            "distributed",
            "supplied",
            "deposited",
            "allocated",
            "disbursed",
            "reimbursed",
            "withdrawn",
            "swept",
            "bridged",
            "donated",
            "awarded",
            "burned");
    static final Set<String> APPROVE_VERBS = Set.of("approve", "approves", "approving", "approval", "allowance");
    private static final Set<String> APPROVED = Set.of("approved");
    static final Set<String> SETTING_VERBS = Set.of(
            "set",
            "sets",
            "setting",
            "raise",
            "raises",
            "raising",
            "lower",
            "lowers",
            "lowering",
            "increase",
            "increases",
            "increasing",
            "decrease",
            "decreases",
            "reduce",
            "reduces",
            "reducing",
            "change",
            "changes",
            "changing",
            "switch",
            "switches",
            "switching",
            "update",
            "updates",
            "updating",
            "adjust",
            "adjusts",
            "bump",
            "cut",
            "configure",
            "modify",
            "replace",
            "replaces",
            "point",
            "points",
            "migrate",
            "upgrade",
            "upgrades",
            "steepen",
            "cap",
            "caps",
            "limit",
            "limits");
    /** Words that make a stated amount a bound or a figure of context rather than something this proposal moves. */
    private static final Set<String> HEDGES = Set.of(
            "up",
            "cap",
            "limit",
            "maximum",
            "max",
            "minimum",
            "min",
            "most",
            "least",
            "per",
            "budget",
            "worth",
            "valued",
            "vest",
            "vesting",
            "stream",
            "streamed",
            "future",
            "later",
            "previously",
            "already",
            "last",
            "earlier",
            "remaining",
            "holds",
            "balance",
            "total",
            "tvl",
            "threshold",
            "quorum",
            "each",
            "daily",
            "weekly",
            "monthly",
            "annual",
            "annually",
            "yearly");

    private static final Set<String> STOP = Set.of(
            "the",
            "a",
            "an",
            "of",
            "to",
            "at",
            "from",
            "by",
            "and",
            "its",
            "it",
            "in",
            "on",
            "for",
            "with",
            "as",
            "is",
            "be",
            "will",
            "this",
            "that",
            "these",
            "those",
            "our",
            "we",
            "new",
            "current",
            "currently",
            "s",
            "into",
            "which",
            "so",
            "then",
            "also",
            "both",
            "all",
            "via",
            "through",
            "proposal",
            "proposes",
            "propose",
            "would",
            "should",
            "must",
            "can",
            "or",
            "than",
            "x",
            "e",
            "g",
            "i");

    private ClaimExtractor() {}

    /** The claims of {@code description} ("" gives none). */
    public static DescriptionClaims extract(String description) {
        String plain = flatten(description == null ? "" : description);
        List<String> addresses = new ArrayList<>();
        Matcher am = ADDRESS.matcher(plain);
        while (am.find()) {
            String a = am.group().toLowerCase(Locale.ROOT);
            if (!addresses.contains(a)) {
                addresses.add(a);
            }
        }
        String lower = plain.toLowerCase(Locale.ROOT);
        Set<String> names = new LinkedHashSet<>();
        Matcher em = ENS.matcher(lower);
        while (em.find()) {
            names.add(em.group());
        }
        List<Amount> amounts = new ArrayList<>();
        List<Setting> settings = new ArrayList<>();
        Integer count = null;
        for (String clause : clauses(plain)) {
            String masked = mask(clause, addresses);
            readNumbers(clause, masked, addresses, amounts, settings);
            readAddressSettings(clause, masked, addresses, settings);
            Matcher cm = ACTION_COUNT.matcher(masked.toLowerCase(Locale.ROOT));
            if (count == null && cm.find()) {
                String n = cm.group(1);
                count = NUMBER_WORDS.containsKey(n) ? NUMBER_WORDS.get(n) : Integer.parseInt(n);
            }
        }
        String split = plain.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
        return new DescriptionClaims(lower + "\n" + split, amounts, settings, count, addresses, List.copyOf(names));
    }

    /** Markdown to plain text: links keep their text and target, emphasis, code marks and headings go. */
    static String flatten(String md) {
        String s = md.replace("\r", "");
        s = s.replaceAll("!?\\[([^\\]]*)]\\(([^)]*)\\)", "$1 ($2)");
        // a single line break inside a paragraph is wrapping, not a new clause
        s = s.replaceAll("(?<!\\n)[ \\t]*\\n(?![ \\t]*(?:[-*+][ \\t]|\\d+[.)][ \\t]|#|\\||\\n))", " ");
        s = s.replaceAll("(?m)^\\s{0,3}#{1,6}\\s*", "");
        s = s.replaceAll("(?m)^\\s*(?:[-*+]|\\d+[.)])\\s+", "\n");
        s = s.replace("**", "").replace("__", "").replace("`", "").replace("~~", "");
        s = s.replace('|', ' ').replace('’', '\'');
        return s;
    }

    /** Sentences, lines and semicolon-separated parts. */
    static List<String> clauses(String plain) {
        List<String> out = new ArrayList<>();
        for (String part : plain.split("\\n+|;\\s*|(?<=[.!?:])\\s+(?=[A-Z(\\[])")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** The clause with every address replaced by {@code @A<i>@} and other hex by {@code @H@}, lengths aside. */
    private static String mask(String clause, List<String> addresses) {
        Matcher m = ADDRESS.matcher(clause);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, " @A" + addresses.indexOf(m.group().toLowerCase(Locale.ROOT)) + "@ ");
        }
        m.appendTail(sb);
        return OTHER_HEX.matcher(sb.toString()).replaceAll(" @H@ ");
    }

    private static void readNumbers(
            String clause, String masked, List<String> addresses, List<Amount> amounts, List<Setting> settings) {
        Matcher m = NUMBER.matcher(masked);
        int segmentStart = 0;
        List<String> lastWords = List.of();
        while (m.find()) {
            String before = masked.substring(segmentStart, m.start());
            int end = m.end();
            String unit = m.group("unit") == null ? null : normaliseUnit(m.group("unit"));
            String token = null;
            if (unit == null) {
                Matcher t = TOKEN_AFTER.matcher(masked);
                if (t.find(end)) {
                    String tok = t.group("tok");
                    if (SYMBOL.matcher(tok).matches()
                            || Set.of("eth", "ether", "wei", "gwei").contains(tok.toLowerCase(Locale.ROOT))) {
                        token = tok;
                        end = t.end();
                    }
                }
            }
            int next = nextNumberStart(masked, end);
            String after = masked.substring(end, next);
            BigDecimal value = value(m);
            List<String> beforeWords = words(before);
            List<String> afterWords = words(after);
            String verb = nearestVerb(beforeWords);
            if (verb == null && !afterWords.isEmpty()) {
                for (String w : afterWords.subList(0, Math.min(4, afterWords.size()))) {
                    if (MOVED.contains(w)) {
                        verb = "transfer";
                    } else if (APPROVED.contains(w)) {
                        verb = "approve";
                    }
                }
            }
            boolean fiat = m.group("cur") != null;
            if (unit != null || (verb != null && SETTING_VERBS.contains(verb))) {
                List<String> name = settingWords(beforeWords, afterWords);
                if (name.isEmpty()) {
                    name = lastWords;
                }
                lastWords = name;
                if (!fiat) {
                    settings.add(new Setting(name, value, unit != null ? unit : token, null, clause));
                }
            } else if (verb != null) {
                String recipient = recipient(after, addresses);
                boolean hedged = hedged(beforeWords, afterWords);
                boolean bareYear = token == null
                        && m.group("mult") == null
                        && m.group("frac") == null
                        && m.group("int").matches("(19|20)\\d\\d");
                Verb kind;
                if (fiat || hedged || bareYear || (token == null && recipient == null)) {
                    kind = Verb.MENTION;
                } else {
                    kind = APPROVE_VERBS.contains(verb) ? Verb.APPROVE : Verb.MOVE;
                }
                amounts.add(new Amount(value, token, kind, recipient, m.group("hedge") != null, clause));
            } else if (token != null) {
                amounts.add(new Amount(value, token, Verb.MENTION, null, m.group("hedge") != null, clause));
            }
            segmentStart = end;
        }
    }

    /** "switch the price oracle to 0x…", "point the feed at 0x…": an address given as a parameter's new value. */
    private static void readAddressSettings(
            String clause, String masked, List<String> addresses, List<Setting> settings) {
        Matcher m = MASK.matcher(masked);
        int segmentStart = 0;
        boolean verbSeen = false;
        while (m.find()) {
            String before = masked.substring(segmentStart, m.start());
            List<String> all = rawWords(before);
            for (String w : all) {
                if (isVerb(w)) {
                    // the nearest verb decides: "switch … to 0x…" sets, "approve … to 0x…" does not
                    verbSeen = SETTING_VERBS.contains(w);
                }
            }
            int tail = Math.max(0, all.size() - 6);
            boolean introduced = all.subList(tail, all.size()).stream().anyMatch(w -> w.equals("to") || w.equals("at"));
            if (verbSeen && introduced) {
                String address = addresses.get(Integer.parseInt(m.group(1)));
                List<String> name = settingWords(words(before), List.of());
                settings.add(new Setting(name, null, null, address, clause));
            }
            segmentStart = m.end();
        }
    }

    private static int nextNumberStart(String masked, int from) {
        Matcher m = NUMBER.matcher(masked);
        return m.find(from) ? m.start() : masked.length();
    }

    private static BigDecimal value(Matcher m) {
        BigDecimal v =
                new BigDecimal(m.group("int").replace(",", "") + (m.group("frac") == null ? "" : m.group("frac")));
        String mult = m.group("mult");
        if (mult == null) {
            return v;
        }
        return switch (mult.toLowerCase(Locale.ROOT)) {
            case "k", "thousand" -> v.scaleByPowerOfTen(3);
            case "m", "mm", "million" -> v.scaleByPowerOfTen(6);
            default -> v.scaleByPowerOfTen(9);
        };
    }

    private static String normaliseUnit(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("%") || u.equals("percent")) {
            return "%";
        }
        if (u.startsWith("bps") || u.startsWith("basis")) {
            return "bps";
        }
        return u.endsWith("s") ? u : u + "s";
    }

    private static String nearestVerb(List<String> words) {
        for (int i = words.size() - 1; i >= Math.max(0, words.size() - 8); i--) {
            String w = words.get(i);
            if (MOVE_VERBS.contains(w) || APPROVE_VERBS.contains(w) || SETTING_VERBS.contains(w)) {
                return w;
            }
        }
        return null;
    }

    private static boolean hedged(List<String> before, List<String> after) {
        List<String> near = new ArrayList<>(before.subList(Math.max(0, before.size() - 4), before.size()));
        near.addAll(after.subList(0, Math.min(3, after.size())));
        return near.stream().anyMatch(HEDGES::contains);
    }

    /** The first address after an amount that is not introduced by "from": to whom it goes. */
    private static String recipient(String after, List<String> addresses) {
        Matcher m = MASK.matcher(after);
        while (m.find()) {
            String lead = after.substring(0, m.start()).strip().toLowerCase(Locale.ROOT);
            if (!lead.endsWith("from")) {
                return addresses.get(Integer.parseInt(m.group(1)));
            }
        }
        return null;
    }

    /** The parameter's name: the last content words before its value and the first ones after it. */
    private static List<String> settingWords(List<String> before, List<String> after) {
        List<String> out = new ArrayList<>();
        for (String w : before.subList(Math.max(0, before.size() - 8), before.size())) {
            if (!STOP.contains(w) && !isVerb(w) && !w.matches("\\d.*")) {
                out.add(w);
            }
        }
        int taken = 0;
        for (String w : after) {
            if (taken++ >= 3) {
                break;
            }
            if (!STOP.contains(w) && !isVerb(w) && !w.matches("\\d.*")) {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean isVerb(String w) {
        return MOVE_VERBS.contains(w) || APPROVE_VERBS.contains(w) || SETTING_VERBS.contains(w);
    }

    /** Lower-case words with camelCase split and masks dropped: "setReserveFactor" gives set, reserve, factor. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : rawWords(text)) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static List<String> rawWords(String text) {
        String t = MASK.matcher(text).replaceAll(" ").replace("@H@", " ").replace("'s", " ");
        t = t.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ");
        List<String> out = new ArrayList<>();
        for (String w : t.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
