package io.chaoschain.simulation.checks.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * C13: accounting invariants of vaults: locked or delegated totals must not exceed the tokens the vault holds. A
 * vault that counts more than it holds mints voting power (or claims) out of nothing.
 *
 * <p>Vaults are those configured in {@code checks.C13.vaults} ({@code [{vault, token, totals: ["totalLocked()",
 * ...]}]}, token defaulting to the vault's {@code token()}/{@code asset()}) and, automatically, every touched
 * contract that answers {@code token()} or {@code asset()} and one of the total views in {@code checks.C13.totals}
 * (default {@code totalLocked()}, {@code totalDelegated()}, {@code totalStaked()}, {@code totalDeposits()}). Each
 * total is compared, after execution, with {@code token.balanceOf(vault)}.
 */
public final class AccountingInvariantsCheck implements SafetyCheck {
    private static final List<String> DEFAULT_TOTALS =
            List.of("totalLocked()", "totalDelegated()", "totalStaked()", "totalDeposits()");

    @Override
    public String id() {
        return "C13";
    }

    @Override
    public String title() {
        return "Vault totals do not exceed the vault's balance";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        CheckSettings.Options o = s.forCheck(id());
        List<String> defaultTotals = new ArrayList<>();
        o.raw("totals")
                .ifPresentOrElse(
                        n -> n.forEach(v -> defaultTotals.add(v.asText())), () -> defaultTotals.addAll(DEFAULT_TOTALS));
        long post = e.fork().postBlock();
        Map<String, VaultSpec> vaults = new LinkedHashMap<>();
        List<JsonNode> configured = new ArrayList<>();
        o.raw("vaults").ifPresent(n -> n.forEach(configured::add));
        for (int i = 0; i < configured.size(); i++) {
            JsonNode v = configured.get(i);
            String vault = v.path("vault").asText("").toLowerCase(java.util.Locale.ROOT);
            if (!vault.matches("0x[0-9a-f]{40}")) {
                throw new UserFacingException(
                        "--checks-config: checks.C13.vaults[" + i + "].vault must be a 0x-prefixed " + "address",
                        2,
                        null);
            }
            List<String> totals = new ArrayList<>();
            v.path("totals").forEach(t -> totals.add(t.asText()));
            vaults.put(
                    vault,
                    new VaultSpec(
                            v.has("token") ? v.get("token").asText().toLowerCase(java.util.Locale.ROOT) : null,
                            totals.isEmpty() ? defaultTotals : totals));
        }
        for (String address : e.touchedAddresses()) {
            vaults.putIfAbsent(address, new VaultSpec(null, defaultTotals));
        }
        Findings f = new Findings(id());
        int examined = 0;
        for (Map.Entry<String, VaultSpec> entry : vaults.entrySet()) {
            String vault = entry.getKey();
            Optional<String> token = Optional.ofNullable(entry.getValue().token())
                    .or(() -> Evm.address(e.fork(), vault, Evm.encode("token()"), post))
                    .or(() -> Evm.address(e.fork(), vault, Evm.encode("asset()"), post));
            if (token.isEmpty()) {
                continue;
            }
            Optional<BigInteger> balance =
                    Evm.uint(e.fork(), token.get(), Evm.encode("balanceOf(address)", vault), post);
            if (balance.isEmpty()) {
                continue;
            }
            for (String total : entry.getValue().totals()) {
                Optional<BigInteger> value = Evm.uint(e.fork(), vault, Evm.encode(total), post);
                if (value.isEmpty()) {
                    continue;
                }
                examined++;
                if (value.get().compareTo(balance.get()) > 0) {
                    f.fail("vault " + vault + "." + total + " = " + value.get() + " exceeds its balance of "
                            + token.get() + " (" + balance.get() + ") after the proposal");
                } else {
                    f.note("vault " + vault + "." + total + " = " + value.get() + " <= balance " + balance.get());
                }
            }
        }
        return f.result(examined + " vault total(s) within the vaults' balances");
    }

    private record VaultSpec(String token, List<String> totals) {}
}
