package io.jenkins.plugins.cloudflarepurge.engine.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cache-key variants as a job writes them: one variant per line, its headers separated by {@code ;}, each header
 * {@code Name: value}. For instance {@code CF-Device-Type: mobile} on one line and {@code CF-Device-Type: tablet}
 * on the next purges every URL three times: plain, as mobile and as tablet.
 */
public final class Variants {

    private Variants() {}

    /** @throws InvalidInputException naming the line that cannot be read */
    public static List<Map<String, String>> parse(@CheckForNull String text) {
        List<Map<String, String>> variants = new ArrayList<>();
        for (String line : PlannerSettings.lines(text)) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header : line.split(";")) {
                if (header.isBlank()) {
                    continue;
                }
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    throw new InvalidInputException(
                            PurgeArguments.VARIANTS,
                            "variant '" + line.strip()
                                    + "' is not a list of headers: write one variant per line as Name: value, with ';' between headers, as in CF-Device-Type: mobile");
                }
                String name = header.substring(0, colon).strip();
                if (headers.put(name, header.substring(colon + 1).strip()) != null) {
                    throw new InvalidInputException(
                            PurgeArguments.VARIANTS,
                            "variant '" + line.strip() + "' names the header " + name
                                    + " twice: a request carries each cache-key header once");
                }
            }
            PlannerSettings.checkVariant(headers).ifPresent(problem -> {
                throw new InvalidInputException(PurgeArguments.VARIANTS, problem);
            });
            variants.add(headers);
        }
        return variants;
    }

    /** The problem with a variants text, if it has one; for form validation. */
    public static Optional<String> check(@CheckForNull String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (InvalidInputException e) {
            return Optional.of(e.getMessage());
        }
    }
}
