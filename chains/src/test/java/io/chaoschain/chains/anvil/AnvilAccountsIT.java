package io.chaoschain.chains.anvil;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@WithDevnet
class AnvilAccountsIT {
    @Test
    void shouldDeriveTheSameAccountsAnvilFunds(Devnet devnet) throws Exception {
        List<String> funded = devnet.web3j().ethAccounts().send().getAccounts();
        List<String> derived = IntStream.range(0, funded.size())
                .mapToObj(i -> AnvilAccounts.credentials(i).getAddress())
                .toList();
        assertThat(funded).hasSize(10);
        assertThat(derived)
                .containsExactlyElementsOf(
                        funded.stream().map(String::toLowerCase).toList());
    }
}
