package io.jenkins.plugins.cloudflarepurge.engine.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    private static final String SECRET = "Zx9-secretTOKEN-value_123";

    @Test
    void toStringNeverShowsTheSecret() {
        ApiToken token = ApiToken.of(SECRET);
        assertFalse(token.toString().contains(SECRET));
        assertFalse(token.toString().contains("secretTOKEN"));
    }

    @Test
    void redactRemovesEveryOccurrence() {
        ApiToken token = ApiToken.of(SECRET);
        String redacted = token.redact("a " + SECRET + " b " + SECRET);
        assertEquals("a **** b ****", redacted);
    }

    @Test
    void surroundingWhitespaceIsTrimmedAsPastedTokensOftenHaveIt() {
        ApiToken token = ApiToken.of("  " + SECRET + "\n");
        assertEquals("Bearer " + SECRET, token.authorizationHeader());
    }

    @Test
    void emptyTokenIsRefusedWithAnActionableMessage() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ApiToken.of("   "));
        assertTrue(e.getMessage().contains("empty"));
        assertEquals("API token", e.field());
    }

    @Test
    void tokenWithInnerSpaceIsRefusedWithoutQuotingIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ApiToken.of("abc def-" + SECRET));
        assertFalse(e.getMessage().contains(SECRET));
        assertTrue(e.getMessage().contains("space"));
    }

    @Test
    void fingerprintIsStablePerTokenAndDoesNotRevealIt() {
        String a = ApiToken.of(SECRET).fingerprint();
        assertEquals(a, ApiToken.of(SECRET).fingerprint());
        assertNotEquals(a, ApiToken.of(SECRET + "x").fingerprint());
        assertFalse(a.contains(SECRET));
        assertEquals(16, a.length());
    }

    @Test
    void everyPrintableAsciiCharacterMayBeInATokenAndNothingElse() {
        ApiToken.of("!token~");
        for (String bad : List.of("a b", "a\u007Fb", "a\u00E9b", "a\u0020b")) {
            assertThrows(InvalidInputException.class, () -> ApiToken.of(bad), bad);
        }
        assertEquals("ApiToken[****]", ApiToken.of("!token~").toString());
    }
}
