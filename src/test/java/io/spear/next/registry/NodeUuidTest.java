package io.spear.next.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one form a node's uuid is stored in: lower-case 8-4-4-4-12 hex digits, nothing around them. */
class NodeUuidTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "123e4567-e89b-42d3-a456-426614174000",
                "123E4567-E89B-42D3-A456-426614174000",
                "00000000-0000-0000-0000-000000000000",
                "ffffffff-ffff-ffff-ffff-ffffffffffff"
            })
    void aUuidInEitherCaseIsStoredInLowerCase(String uuid) {
        assertEquals(uuid.toLowerCase(java.util.Locale.ROOT), NodeRegistry.canonicalUuid(uuid));
        assertEquals(UUID.fromString(uuid).toString(), NodeRegistry.canonicalUuid(uuid));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "123e4567-e89b-42d3-a456-42661417400",
                "123e4567-e89b-42d3-a456-4266141740000",
                "123e4567e89b-42d3-a456-4266141740000",
                "123e4567-e89b-42d3-a456_426614174000",
                "g23e4567-e89b-42d3-a456-426614174000",
                " 123e4567-e89b-42d3-a456-42661417400",
                "123e4567-e89b-42d3-a456-42661417400\u0661",
                "{123e4567-e89b-42d3-a456-426614174000}",
                "123e4567-e89b-42d3-a456-4266141-4000",
                "123e4567-e89b-42d3-a456-42661417400 "
            })
    void anythingElseIsRefusedNamingTheField(String uuid) {
        InvalidFieldException refused =
                assertThrows(InvalidFieldException.class, () -> NodeRegistry.canonicalUuid(uuid));
        assertEquals("uuid", refused.field());
    }
}
