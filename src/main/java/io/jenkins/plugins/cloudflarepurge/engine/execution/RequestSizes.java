package io.jenkins.plugins.cloudflarepurge.engine.execution;

import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URLs per request that Cloudflare accepts for a token and zone, as learnt from its answers: the documented
 * size until an account refuses it, then the size it accepts. Kept for the controller's lifetime
 * ({@link #shared()}), so that only the first purge after a restart pays for the probe. Keyed by a one-way
 * fingerprint of the token.
 */
public final class RequestSizes {

    private static final RequestSizes SHARED = new RequestSizes();
    private static final Pattern NUMBER = Pattern.compile("\\d{1,6}");

    private final Map<String, Integer> learned = new ConcurrentHashMap<>();

    /** The sizes learnt by every purge in this JVM. */
    public static RequestSizes shared() {
        return SHARED;
    }

    /** The largest size known to be accepted (or the size stepped down to), if one was learnt. */
    public OptionalInt learned(ApiToken token, String zoneId) {
        Integer size = learned.get(key(token, zoneId));
        return size == null ? OptionalInt.empty() : OptionalInt.of(size);
    }

    /** Remembers the size that Cloudflare accepted or that a refusal stepped down to. */
    public void learn(ApiToken token, String zoneId, int size) {
        learned.put(key(token, zoneId), size);
    }

    private static String key(ApiToken token, String zoneId) {
        return token.fingerprint() + "|" + zoneId;
    }

    /**
     * The size to try after Cloudflare refused {@code refused} URLs as too many: the limit its message names if
     * it names one (the largest number in it below {@code refused}), else {@link PurgeLimits#DEFAULT_URLS_PER_REQUEST}
     * (what many accounts accept) if that is smaller, else half.
     */
    public static int stepDown(int refused, String message) {
        int named = 0;
        Matcher m = NUMBER.matcher(message);
        while (m.find()) {
            int n = Integer.parseInt(m.group());
            if (n >= 1 && n < refused) {
                named = Math.max(named, n);
            }
        }
        if (named > 0) {
            return named;
        }
        if (refused > PurgeLimits.DEFAULT_URLS_PER_REQUEST) {
            return PurgeLimits.DEFAULT_URLS_PER_REQUEST;
        }
        return Math.max(1, (refused + 1) / 2);
    }
}
