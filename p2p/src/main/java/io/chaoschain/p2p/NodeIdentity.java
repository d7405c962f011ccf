package io.chaoschain.p2p;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.p2p.crypto.KeyType;
import io.chaoschain.p2p.crypto.PrivateKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A node's libp2p identity: its private key and the peer ID derived from it, persisted in a file readable only by its
 * owner (0600). With a passphrase the key is encrypted at rest (scrypt key derivation, AES-256-GCM); the file layout is
 * {@code "CCP2PKEY" | version(1) | mode(1) | body} where mode 0 stores the marshalled key and mode 1 stores
 * {@code logN(1) | salt(16) | nonce(12) | ciphertext+tag}.
 */
public record NodeIdentity(PrivateKey privateKey, PeerId peerId) {
    private static final byte[] MAGIC = "CCP2PKEY".getBytes(StandardCharsets.US_ASCII);
    private static final byte VERSION = 1;
    private static final int DEFAULT_SCRYPT_LOG_N = 15;

    public NodeIdentity {
        if (!peerId.matches(privateKey.publicKey())) {
            throw new IllegalArgumentException("peer ID does not belong to the private key");
        }
    }

    public static NodeIdentity of(PrivateKey key) {
        return new NodeIdentity(key, PeerId.fromPublicKey(key.publicKey()));
    }

    public static NodeIdentity generate() {
        return of(PrivateKey.generate(KeyType.ED25519));
    }

    /** Loads the identity at {@code file}, creating a new Ed25519 identity there when the file does not exist. */
    public static NodeIdentity loadOrCreate(Path file, char[] passphrase) {
        if (Files.exists(file)) {
            return load(file, passphrase);
        }
        NodeIdentity id = generate();
        id.save(file, passphrase);
        return id;
    }

    /** Loads an identity file; a wrong passphrase or damaged file is reported without exposing key material. */
    public static NodeIdentity load(Path file, char[] passphrase) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserFacingException("error: cannot read node identity file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new UserFacingException("error: " + file + " is not a ChaosChain node identity file");
        }
        if (bytes[MAGIC.length] != VERSION) {
            throw new UserFacingException(
                    "error: " + file + " has unsupported identity file version " + bytes[MAGIC.length]);
        }
        byte mode = bytes[MAGIC.length + 1];
        byte[] body = Arrays.copyOfRange(bytes, MAGIC.length + 2, bytes.length);
        byte[] marshalled = switch (mode) {
            case 0 -> body;
            case 1 -> decrypt(file, body, passphrase);
            default -> throw new UserFacingException("error: " + file + " has unknown identity file mode " + mode);
        };
        try {
            return of(PrivateKey.unmarshal(marshalled));
        } catch (MalformedMessageException e) {
            throw new UserFacingException("error: " + file + " holds no valid private key; restore it or delete it");
        }
    }

    /** Writes this identity with owner-only permissions; encrypted when {@code passphrase} is non-empty. */
    public void save(Path file, char[] passphrase) {
        save(file, passphrase, DEFAULT_SCRYPT_LOG_N);
    }

    void save(Path file, char[] passphrase, int scryptLogN) {
        ByteBuffer out;
        byte[] key = privateKey.marshal();
        if (passphrase == null || passphrase.length == 0) {
            out = ByteBuffer.allocate(MAGIC.length + 2 + key.length);
            out.put(MAGIC).put(VERSION).put((byte) 0).put(key);
        } else {
            SecureRandom random = new SecureRandom();
            byte[] salt = new byte[16];
            byte[] nonce = new byte[12];
            random.nextBytes(salt);
            random.nextBytes(nonce);
            byte[] ct = aes(Cipher.ENCRYPT_MODE, derive(passphrase, salt, scryptLogN), nonce, key);
            out = ByteBuffer.allocate(MAGIC.length + 2 + 1 + 16 + 12 + ct.length);
            out.put(MAGIC)
                    .put(VERSION)
                    .put((byte) 1)
                    .put((byte) scryptLogN)
                    .put(salt)
                    .put(nonce)
                    .put(ct);
        }
        Arrays.fill(key, (byte) 0);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                throw new IOException("concurrent write of " + tmp, e);
            }
            Files.write(tmp, out.array(), StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserFacingException("error: cannot write node identity file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] decrypt(Path file, byte[] body, char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw new UserFacingException("error: " + file + " is encrypted; supply the node identity passphrase");
        }
        if (body.length < 1 + 16 + 12 + 16) {
            throw new UserFacingException("error: " + file + " is truncated");
        }
        int logN = body[0];
        if (logN < 10 || logN > 20) {
            throw new UserFacingException("error: " + file + " has an invalid key-derivation cost");
        }
        byte[] salt = Arrays.copyOfRange(body, 1, 17);
        byte[] nonce = Arrays.copyOfRange(body, 17, 29);
        byte[] ct = Arrays.copyOfRange(body, 29, body.length);
        try {
            return aes(Cipher.DECRYPT_MODE, derive(passphrase, salt, logN), nonce, ct);
        } catch (IllegalStateException e) {
            throw new UserFacingException(
                    "error: wrong passphrase for node identity file " + file + " (or file damaged)");
        }
    }

    private static byte[] derive(char[] passphrase, byte[] salt, int logN) {
        byte[] pw = new String(passphrase).getBytes(StandardCharsets.UTF_8);
        try {
            return SCrypt.generate(pw, salt, 1 << logN, 8, 1, 32);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    private static byte[] aes(int mode, byte[] key, byte[] nonce, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(MAGIC);
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("identity file cipher failed");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + peerId + "]";
    }
}
