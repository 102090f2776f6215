package io.jenkins.plugins.cloudflarepurge.engine.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long Cloudflare asks a client to wait: {@code Retry-After} (seconds or an HTTP date), else the reset
 * of the {@code Ratelimit} header ({@code "default";r=0;t=30} in the IETF draft's structured form, or
 * {@code limit=…, remaining=…, reset=30} in the older one).
 */
public final class RateLimitHeaders {

    /** Longer waits than this are not believed: a clock skew or a typo must not park a build for hours. */
    static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private static final Pattern RESET = Pattern.compile("(?:^|[;,\\s])(?:t|reset)\\s*=\\s*(\\d+)");
    private static final Pattern REMAINING = Pattern.compile("(?:^|[;,\\s])(?:r|remaining)\\s*=\\s*(\\d{1,9})");
    private static final Pattern QUOTA = Pattern.compile("(?:^|[;,\\s])(?:q|limit)\\s*=\\s*(\\d{1,9})");

    private RateLimitHeaders() {}

    public static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<Duration> retryAfter = headers.firstValue("Retry-After").flatMap(RateLimitHeaders::parseRetryAfter);
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        return headers.firstValue("Ratelimit").flatMap(RateLimitHeaders::parseRatelimitReset);
    }

    /** The general API quota an answer reports, if its {@code Ratelimit} header gives requests left and a reset. */
    public static Optional<RateLimitStatus> status(HttpHeaders headers) {
        Optional<String> ratelimit = headers.firstValue("Ratelimit");
        if (ratelimit.isEmpty()) {
            return Optional.empty();
        }
        Matcher remaining = REMAINING.matcher(ratelimit.get());
        Optional<Duration> reset = parseRatelimitReset(ratelimit.get());
        if (!remaining.find() || reset.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong quota = OptionalLong.empty();
        Optional<String> policy = headers.firstValue("Ratelimit-Policy");
        if (policy.isPresent()) {
            Matcher q = QUOTA.matcher(policy.get());
            if (q.find()) {
                quota = OptionalLong.of(Long.parseLong(q.group(1)));
            }
        }
        return Optional.of(new RateLimitStatus(Long.parseLong(remaining.group(1)), reset.get(), quota));
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(cap(Duration.ofSeconds(Long.parseLong(v))));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return Optional.of(cap(wait.isNegative() ? Duration.ZERO : wait));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Duration> parseRatelimitReset(String value) {
        Matcher m = RESET.matcher(value);
        if (m.find() && m.group(1).length() <= 9) {
            return Optional.of(cap(Duration.ofSeconds(Long.parseLong(m.group(1)))));
        }
        return Optional.empty();
    }

    private static Duration cap(Duration wait) {
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
