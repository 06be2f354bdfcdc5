package io.smartcrm.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    @Test
    void keysHaveRoles() {
        ApiKeys keys = ApiKeys.parse("admin-key-0123456789:admin, read-key-0123456789:READ");
        assertThat(keys.roleOf("admin-key-0123456789")).hasValue(Role.ADMIN);
        assertThat(keys.roleOf("read-key-0123456789")).hasValue(Role.READ);
        assertThat(keys.roleOf("read-key-012345678")).isEmpty();
        assertThat(keys.roleOf("")).isEmpty();
        assertThat(keys.roleOf(null)).isEmpty();
        assertThat(keys.first(Role.READ)).hasValue("read-key-0123456789");
        assertThat(Role.ADMIN.allows(Role.READ)).isTrue();
        assertThat(Role.READ.allows(Role.ADMIN)).isFalse();
    }

    @Test
    void badSpecsAreRefusedWithoutShowingTheKey() {
        assertThatThrownBy(() -> ApiKeys.parse("")).hasMessageContaining("api.keys");
        assertThatThrownBy(() -> ApiKeys.parse("short:admin")).hasMessageContaining("16-256");
        assertThatThrownBy(() -> ApiKeys.parse("secret-key-0123456789:root")).hasMessageContaining("root")
                .hasMessageNotContaining("secret-key-0123456789");
        assertThatThrownBy(() -> ApiKeys.parse("secret-key-0123456789")).hasMessageContaining("KEY:ROLE")
                .hasMessageNotContaining("secret-key-0123456789");
    }

    @Test
    void theEmbeddedDefaultGeneratesKeysOnceReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/api-keys");
        ApiKeys first = ApiKeys.loadOrGenerate(file);
        String admin = first.first(Role.ADMIN).orElseThrow();
        String read = first.first(Role.READ).orElseThrow();
        assertThat(admin).startsWith("scrm_admin_").hasSizeGreaterThan(40);
        assertThat(read).startsWith("scrm_read_").isNotEqualTo(admin);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        ApiKeys again = ApiKeys.loadOrGenerate(file);
        assertThat(again.first(Role.ADMIN)).hasValue(admin);
        assertThat(again.roleOf(read)).hasValue(Role.READ);
        assertThat(ApiKeys.loadOrGenerate(dir.resolve("other")).first(Role.ADMIN)).isNotEqualTo(first.first(Role.ADMIN));
    }
}
