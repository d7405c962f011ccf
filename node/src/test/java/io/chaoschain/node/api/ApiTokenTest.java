package io.chaoschain.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldGenerateARandomTokenReadableOnlyByItsOwner() throws Exception {
        String token = ApiToken.loadOrCreate(dataDir);

        Path file = dataDir.resolve(ApiToken.FILE_NAME);
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(Files.readString(file).strip()).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void shouldReuseTheStoredTokenAndNotGenerateTheSameOneElsewhere(@TempDir Path otherDir) {
        String first = ApiToken.loadOrCreate(dataDir);

        assertThat(ApiToken.loadOrCreate(dataDir)).isEqualTo(first);
        assertThat(ApiToken.loadOrCreate(otherDir)).isNotEqualTo(first);
    }

    @Test
    void shouldNarrowATokenFileOthersCanRead() throws Exception {
        Path file = Files.writeString(dataDir.resolve(ApiToken.FILE_NAME), "operator-chosen-token-1234\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(ApiToken.loadOrCreate(dataDir)).isEqualTo("operator-chosen-token-1234");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void shouldRefuseATokenTooShortToBeSafe() throws Exception {
        Files.writeString(dataDir.resolve(ApiToken.FILE_NAME), "1234\n");

        assertThatThrownBy(() -> ApiToken.loadOrCreate(dataDir))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("delete it to have a new token generated");
    }
}
