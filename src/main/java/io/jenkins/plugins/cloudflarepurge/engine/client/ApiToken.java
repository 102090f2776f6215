package io.jenkins.plugins.cloudflarepurge.engine.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Cloudflare API token. It leaves this class only as an {@code Authorization} header value; its
 * {@code toString} is masked and {@link #redact(String)} scrubs it from any text that might echo it.
 */
public final class ApiToken {

    private static final String MASK = "****";

    private final String secret;

    private ApiToken(String secret) {
        this.secret = secret;
    }

    /**
     * @throws InvalidInputException if the token is empty or has characters no HTTP header can carry
     */
    public static ApiToken of(String secret) {
        String trimmed = secret == null ? "" : secret.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException(
                    "API token",
                    "The API token is empty: store the Cloudflare API token in the Secret text credential.");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidInputException(
                        "API token",
                        "The API token contains a space, line break or non-ASCII character: paste only the token itself into the Secret text credential.");
            }
        }
        return new ApiToken(trimmed);
    }

    String authorizationHeader() {
        return "Bearer " + secret;
    }

    /**
     * A short, one-way fingerprint naming the account's budget without revealing the token.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** Replaces every occurrence of the token in {@code text}; null stays null. */
    public String redact(String text) {
        return text == null ? null : text.replace(secret, MASK);
    }

    @Override
    public String toString() {
        return "ApiToken[" + MASK + "]";
    }
}
