package io.chaoschain.chains.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.core.UserFacingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.utils.Numeric;

/**
 * Creates and opens Ethereum V3 keystores (scrypt + AES-128-CTR JSON, as geth and web3j write them). Files are
 * written atomically and readable by their owner only.
 */
public final class Keystores {
    private static final Logger LOG = LoggerFactory.getLogger(Keystores.class);
    private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private Keystores() {}

    /**
     * Generates a new key and writes it, encrypted with {@code password}, to {@code file}.
     *
     * @throws UserFacingException when {@code file} exists already or cannot be written
     */
    public static KeystoreSigner create(Path file, String password, ScryptStrength strength) {
        ECKeyPair keyPair;
        try {
            keyPair = Keys.createEcKeyPair();
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException("no secure EC key generator available", e);
        }
        return write(file, password, strength, keyPair);
    }

    /** Encrypts an existing private key (0x-prefixed hex) into a new keystore at {@code file}. */
    public static KeystoreSigner importKey(Path file, String privateKeyHex, String password, ScryptStrength strength) {
        KeystoreSigner plain = KeystoreSigner.ofPrivateKey(privateKeyHex);
        return write(file, password, strength, plain.credentials().getEcKeyPair());
    }

    /**
     * Opens the keystore at {@code file}.
     *
     * @throws UserFacingException when the file is missing or malformed, the password is missing, or it is wrong
     */
    public static KeystoreSigner load(Path file, PasswordSource passwordSource) {
        WalletFile wallet = read(file);
        String password = passwordSource.read(file);
        warnIfReadableByOthers(file);
        try {
            ECKeyPair keyPair = Wallet.decrypt(password, wallet);
            return new KeystoreSigner(Credentials.create(keyPair), Optional.of(file));
        } catch (CipherException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("password")) {
                throw new UserFacingException("error: keystore " + file + ": wrong password (set "
                        + PasswordSource.DEFAULT_ENV + " or " + PasswordSource.FILE_KEY + ")");
            }
            throw new UserFacingException("error: keystore " + file + " cannot be decrypted (" + e.getMessage() + ")");
        }
    }

    /** The address a keystore holds, read without decrypting it. */
    public static String address(Path file) {
        String address = read(file).getAddress();
        if (address == null || address.isBlank()) {
            throw new UserFacingException("error: keystore " + file + " does not record its address");
        }
        return Numeric.prependHexPrefix(address).toLowerCase(Locale.ROOT);
    }

    private static WalletFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException("error: keystore " + file + " does not exist (check keystore.path)");
        }
        try {
            WalletFile wallet = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), WalletFile.class);
            if (wallet.getCrypto() == null || wallet.getVersion() != 3) {
                throw new UserFacingException("error: keystore " + file + " is not a V3 JSON keystore");
            }
            return wallet;
        } catch (JsonProcessingException e) {
            throw new UserFacingException(
                    "error: keystore " + file + " is not a valid JSON keystore (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UserFacingException(
                    "error: keystore " + file + " cannot be read ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    private static KeystoreSigner write(Path file, String password, ScryptStrength strength, ECKeyPair keyPair) {
        if (password == null || password.isEmpty()) {
            throw new UserFacingException(
                    "error: keystore " + file + ": refusing to encrypt a key with an empty password");
        }
        if (Files.exists(file)) {
            throw new UserFacingException("error: keystore " + file + " already exists; refusing to overwrite it");
        }
        WalletFile wallet;
        try {
            wallet = switch (strength) {
                case STANDARD -> Wallet.createStandard(password, keyPair);
                case LIGHT -> Wallet.createLight(password, keyPair);
            };
        } catch (CipherException e) {
            throw new IllegalStateException("keystore encryption failed", e);
        }
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            boolean posix =
                    Files.getFileAttributeView(dir.getRoot(), java.nio.file.attribute.PosixFileAttributeView.class)
                            != null;
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                } else {
                    Files.createDirectories(dir);
                }
            }
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp", attributes);
            byte[] bytes = JSON.writeValueAsBytes(wallet);
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            moveWithoutReplacing(temp, absolute);
            temp = null;
        } catch (FileAlreadyExistsException e) {
            throw new UserFacingException("error: keystore " + file + " already exists; refusing to overwrite it");
        } catch (IOException e) {
            throw new UserFacingException(
                    "error: keystore " + file + " cannot be written ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary file holds only the encrypted key
                }
            }
        }
        LOG.info("created keystore {} for {}", file, Numeric.prependHexPrefix(wallet.getAddress()));
        return new KeystoreSigner(Credentials.create(keyPair), Optional.of(file));
    }

    /**
     * Publishes the finished file under its name in one step, so a reader never sees half a keystore. A hard link fails
     * when the name is taken, which closes the race with a concurrent writer; the rename fallback covers file systems
     * without links.
     */
    private static void moveWithoutReplacing(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            Files.delete(temp);
            return;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            LOG.debug("hard links unavailable for {}; renaming instead", target);
        }
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(temp, target);
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("keystore {} is readable by other users; restrict it with chmod 600", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
