package io.jenkins.plugins.cloudflarepurge.engine.client;

/**
 * What {@code /user/tokens/verify} says of a token.
 *
 * @param id the token's id (not the secret)
 * @param status {@code active}, {@code disabled} or {@code expired}
 */
public record TokenStatus(String id, String status) {

    public boolean isActive() {
        return "active".equals(status);
    }
}
