package io.jenkins.plugins.cloudflarepurge.engine.client;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * What Cloudflare says of a token's general API quota on an answer: the {@code Ratelimit} header's requests left
 * and seconds until the window resets, and the {@code Ratelimit-Policy} header's quota when given.
 *
 * @param remaining requests left in the current window
 * @param reset time until the window resets
 * @param quota requests per window, if the policy header gave it
 */
public record RateLimitStatus(long remaining, Duration reset, OptionalLong quota) {}
