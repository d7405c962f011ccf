package io.chaoschain.chains.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.utils.Numeric;

class KeystoresTest {
    private static final String DEV_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String DEV_ADDRESS_0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    @TempDir
    Path dir;

    @Test
    void shouldRoundTripANewKeyThroughAnEncryptedKeystore() throws Exception {
        Path file = dir.resolve("keys/agent.json");
        KeystoreSigner created = Keystores.create(file, "correct horse", ScryptStrength.LIGHT);

        KeystoreSigner loaded = Keystores.load(file, PasswordSource.literal("correct horse"));

        assertThat(loaded.address()).isEqualTo(created.address()).matches("0x[0-9a-f]{40}");
        assertThat(Keystores.address(file)).isEqualTo(created.address());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.list(file.getParent())).containsExactly(file); // no temporary file left behind
        assertThat(Files.readString(file))
                .doesNotContain("correct horse")
                .doesNotContain(Numeric.toHexStringNoPrefix(
                        loaded.credentials().getEcKeyPair().getPrivateKey()));
    }

    @Test
    void shouldSignTransactionsThatRecoverToTheKeystoreAddress() throws Exception {
        Path file = dir.resolve("dev.json");
        Keystores.importKey(file, DEV_KEY_0, "pw", ScryptStrength.LIGHT);
        KeystoreSigner signer = Keystores.load(file, PasswordSource.literal("pw"));
        RawTransaction tx = RawTransaction.createTransaction(
                31337,
                BigInteger.ZERO,
                BigInteger.valueOf(21000),
                "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                BigInteger.ONE,
                "0x",
                BigInteger.ONE,
                BigInteger.TEN);

        SignedRawTransaction decoded =
                (SignedRawTransaction) TransactionDecoder.decode(Numeric.toHexString(signer.sign(tx, 31337)));

        assertThat(signer.address()).isEqualTo(DEV_ADDRESS_0);
        assertThat(decoded.getFrom()).isEqualTo(DEV_ADDRESS_0);
    }

    @Test
    void shouldRejectAWrongPasswordNamingHowToSetIt() {
        Path file = dir.resolve("agent.json");
        Keystores.create(file, "right password", ScryptStrength.LIGHT);

        assertThatThrownBy(() -> Keystores.load(file, PasswordSource.literal("wrong password")))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("error: keystore " + file + ": wrong password (set CHAOSCHAIN_KEYSTORE_PASSWORD or "
                        + "keystore.passwordFile)")
                .hasMessageNotContaining("right password")
                .hasMessageNotContaining("wrong password (set X");
    }

    @Test
    void shouldReportAMissingKeystoreFile() {
        Path file = dir.resolve("absent.json");
        assertThatThrownBy(() -> Keystores.load(file, PasswordSource.literal("pw")))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("error: keystore " + file + " does not exist (check keystore.path)");
    }

    @Test
    void shouldReportAMissingPasswordVariable() {
        Path file = dir.resolve("agent.json");
        Keystores.create(file, "pw", ScryptStrength.LIGHT);

        assertThatThrownBy(() -> Keystores.load(file, new PasswordSource.Env(PasswordSource.DEFAULT_ENV, Map.of())))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("error: keystore " + file + ": no password given (set CHAOSCHAIN_KEYSTORE_PASSWORD or "
                        + "keystore.passwordFile)");
    }

    @Test
    void shouldReadThePasswordFromTheEnvironment() {
        Path file = dir.resolve("agent.json");
        KeystoreSigner created = Keystores.create(file, "from env", ScryptStrength.LIGHT);

        KeystoreSigner loaded = Keystores.load(
                file,
                new PasswordSource.Env(PasswordSource.DEFAULT_ENV, Map.of(PasswordSource.DEFAULT_ENV, "from env")));

        assertThat(loaded.address()).isEqualTo(created.address());
    }

    @Test
    void shouldReadThePasswordFileIgnoringOneTrailingLineBreak() throws Exception {
        Path file = dir.resolve("agent.json");
        KeystoreSigner created = Keystores.create(file, "from file", ScryptStrength.LIGHT);
        Path passwordFile = Files.writeString(dir.resolve("password.txt"), "from file\n");

        KeystoreSigner loaded = Keystores.load(file, PasswordSource.fromConfig(Optional.of(passwordFile)));

        assertThat(loaded.address()).isEqualTo(created.address());
    }

    @Test
    void shouldReportAMissingOrEmptyPasswordFile() throws Exception {
        Path file = dir.resolve("agent.json");
        Keystores.create(file, "pw", ScryptStrength.LIGHT);
        Path missing = dir.resolve("nope.txt");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n");

        assertThatThrownBy(() -> Keystores.load(file, new PasswordSource.File(missing)))
                .hasMessage("error: keystore.passwordFile " + missing + " does not exist");
        assertThatThrownBy(() -> Keystores.load(file, new PasswordSource.File(empty)))
                .hasMessage("error: keystore.passwordFile " + empty + " is empty");
    }

    @Test
    void shouldReportAFileThatIsNotAKeystore() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.json"), "{\"hello\": ");

        assertThatThrownBy(() -> Keystores.load(file, PasswordSource.literal("pw")))
                .isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("error: keystore " + file + " is not a valid JSON keystore");
    }

    @Test
    void shouldRefuseToOverwriteAnExistingKeystore() {
        Path file = dir.resolve("agent.json");
        KeystoreSigner first = Keystores.create(file, "pw", ScryptStrength.LIGHT);

        assertThatThrownBy(() -> Keystores.create(file, "pw", ScryptStrength.LIGHT))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("error: keystore " + file + " already exists; refusing to overwrite it");
        assertThat(Keystores.address(file)).isEqualTo(first.address());
    }

    @Test
    void shouldKeepKeysAndPasswordsOutOfStrings() {
        KeystoreSigner signer = KeystoreSigner.ofPrivateKey(DEV_KEY_0);
        PasswordSource env = new PasswordSource.Env("X", Map.of("X", "s3cret"));

        assertThat(signer.toString()).contains(DEV_ADDRESS_0).doesNotContain(DEV_KEY_0.substring(2));
        assertThat(env.toString()).doesNotContain("s3cret");
        assertThat(PasswordSource.literal("s3cret").toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> KeystoreSigner.ofPrivateKey("0x1234secret")).hasMessageNotContaining("1234secret");
    }

    @Test
    void shouldDeriveAnvilsDevAccountsFromTheTestMnemonic() {
        assertThat(DevAccounts.address(0)).isEqualTo(DEV_ADDRESS_0);
        assertThat(DevAccounts.address(1)).isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        assertThat(DevAccounts.signer(0).credentials().getEcKeyPair().getPrivateKey())
                .isEqualTo(Numeric.toBigInt(DEV_KEY_0));
    }
}
