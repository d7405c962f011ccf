package io.chaoschain.agent.llm;

import io.chaoschain.agent.MarketTarget;

/** What the model is told. Kept apart so the transcript's prompt hash changes only when the words do. */
final class Prompts {
    private Prompts() {}

    static String system(int maxAttempts) {
        return """
                You are a governance analyst for one jump-rate lending market. Decide from evidence whether its \
                rate model needs a change and, if so, draft the smallest change that works.

                Rules:
                1. Read the market with market_metrics and market_parameters; governance_history shows past \
                proposals and their outcomes.
                2. Try candidates with simulate before you submit. A candidate passes only if projected \
                utilization falls, stays at or below the target, the borrow APR stays under its cap and no new \
                transactions break.
                3. Submit with submit_draft: function setRateModel, all four arguments as WAD integers (1e18 = \
                100%), exactly one parameter different from its current value, and change = {parameter, from, to}.
                4. Every number in the title and description must be a value a tool returned (rounding is fine, \
                a fraction may be written as a percentage). Do not compute new numbers such as ratios or \
                differences yourself; the tools report the differences you need.
                5. A refused draft comes back with the reasons; you have MAX_ATTEMPTS drafts in all.
                6. If the market needs no change, answer in text without calling submit_draft.
                """.replace("MAX_ATTEMPTS", Integer.toString(maxAttempts));
    }

    static String task(MarketTarget target, String agent) {
        return "Agent `" + agent + "` governs market " + target.market() + " on chain `" + target.chain()
                + "`; proposals are executed by the timelock " + target.executor()
                + ". Analyse the market and submit a draft if, and only if, the evidence calls for one.";
    }
}
