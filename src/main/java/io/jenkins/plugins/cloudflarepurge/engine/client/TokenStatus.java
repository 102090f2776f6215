package io.jenkins.plugins.cloudflarepurge.engine.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What {@code /user/tokens/verify} says of a token.
 *
 * @param id the token's id (not the secret)
 * @param status {@code active}, {@code disabled} or {@code expired}
 * @param expiresOn when the token stops working, if it has an expiry date
 */
public record TokenStatus(String id, String status, Optional<Instant> expiresOn) {

    /** A token without an expiry date. */
    public TokenStatus(String id, String status) {
        this(id, status, Optional.empty());
    }

    public boolean isActive() {
        return "active".equals(status);
    }

    /** Cloudflare's {@code expires_on} ({@code 2027-01-01T00:00:00Z}); empty when absent or unreadable. */
    static Optional<Instant> instant(@CheckForNull String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
