package io.chaoschain.node.api;

import io.chaoschain.core.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API's bearer token, kept in the data directory in a file only its owner can read. */
public final class ApiToken {
    public static final String FILE_NAME = "api-token";
    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ApiToken() {}

    /**
     * Returns the token stored in {@code dataDir}, generating a random 256-bit one (mode 0600) when there is none. An
     * existing file readable by others is narrowed to 0600.
     */
    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                try {
                    return create(file);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first; use theirs
                }
            }
            restrict(file);
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.length() < ApiOptions.MIN_TOKEN_LENGTH) {
                throw new UserFacingException("error: API token file " + file + " holds fewer than "
                        + ApiOptions.MIN_TOKEN_LENGTH + " characters; delete it to have a new token generated");
            }
            return token;
        } catch (IOException e) {
            throw new UserFacingException(
                    "error: cannot read or create API token file " + file + ": " + e.getMessage()
                            + "; check --data-dir",
                    e);
        }
    }

    private static String create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        if (Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null) {
            // Created with its final permissions, so the token is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        LOG.info("generated API token in {}", file);
        return token;
    }

    private static void restrict(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null && !view.readAttributes().permissions().equals(OWNER_ONLY)) {
            view.setPermissions(OWNER_ONLY);
            LOG.warn("API token file {} was accessible to other users; restricted it to its owner", file);
        }
    }
}
