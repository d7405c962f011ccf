package io.chaoschain.chains.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.BlockRef;
import io.chaoschain.chains.deploy.DaoDeployment;
import io.chaoschain.chains.tx.TxRequest;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@WithDevnet(revertAfterEachTest = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetExtensionIT {
    private static Devnet fromSetup;
    private static long setupHead;
    private static DaoDeployment firstDao;

    @BeforeAll
    static void mineInTheSetup(Devnet devnet) {
        fromSetup = devnet;
        devnet.mine(3);
        setupHead = devnet.blockNumber();
    }

    @Test
    @Order(1)
    void shouldGiveEveryTestTheDevnetOfItsClass(Devnet devnet) {
        assertThat(devnet).isSameAs(fromSetup);
        assertThat(devnet.client().chainId()).isEqualTo(Devnet.CHAIN_ID);
    }

    @Test
    @Order(2)
    void shouldLetATestChangeTheChain(Devnet devnet) {
        devnet.mine(5);
        devnet.sender(1)
                .send(TxRequest.transfer(devnet.account(2).getAddress(), BigInteger.ONE))
                .requireSuccess("devnet");
        assertThat(devnet.blockNumber()).isEqualTo(setupHead + 6);
    }

    @Test
    @Order(3)
    void shouldStartEveryTestFromTheChainTheSetupLeft(Devnet devnet) {
        assertThat(devnet.blockNumber()).isEqualTo(setupHead);
        // the sender of the previous test sent from a nonce the revert took away
        assertThat(devnet.sender(1)
                        .send(TxRequest.transfer(devnet.account(2).getAddress(), BigInteger.ONE))
                        .success())
                .isTrue();
    }

    @Test
    @Order(4)
    void shouldDeployTheDaoWhenATestFirstAsksForIt(DaoDeployment dao, Devnet devnet) {
        firstDao = dao;
        assertThat(devnet.client().getCode(dao.governor(), BlockRef.latest())).hasSizeGreaterThan(2);
    }

    @Test
    @Order(5)
    void shouldKeepTheDaoAcrossTheRevertAfterEachTest(DaoDeployment dao, Devnet devnet) {
        assertThat(dao).isSameAs(firstDao);
        assertThat(devnet.client().getCode(dao.governor(), BlockRef.latest())).hasSizeGreaterThan(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    @Order(6)
    void shouldShareTheDevnetWithEveryInvocationOfAParameterizedTest(int blocks, Devnet devnet) {
        assertThat(devnet).isSameAs(fromSetup);
        devnet.mine(blocks);
        assertThat(devnet.blockNumber()).isGreaterThan(setupHead);
    }
}
