package io.jenkins.plugins.cloudflarepurge.engine.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
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

    private RateLimitHeaders() {}

    public static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<Duration> retryAfter = headers.firstValue("Retry-After").flatMap(RateLimitHeaders::parseRetryAfter);
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        return headers.firstValue("Ratelimit").flatMap(RateLimitHeaders::parseRatelimitReset);
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
