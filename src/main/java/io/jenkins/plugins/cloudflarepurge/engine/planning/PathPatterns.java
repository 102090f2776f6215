package io.jenkins.plugins.cloudflarepurge.engine.planning;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tools.ant.types.selectors.TokenizedPath;
import org.apache.tools.ant.types.selectors.TokenizedPattern;

/**
 * A list of Ant-style patterns ({@code **}{@code /*.css, assets/**}) as Jenkins users write them in "Files to
 * archive": separated by commas or new lines, matched case-sensitively against a published path. Matching is
 * Ant's own ({@link TokenizedPattern}, the pre-split form of {@code SelectorUtils.matchPath}), the matcher Jenkins
 * core ships, so a pattern means here what it means in every other Jenkins field. Each pattern is split once,
 * not once per path.
 */
public final class PathPatterns {

    private static final PathPatterns NONE = new PathPatterns(List.of(), List.of());

    private final List<String> patterns;
    private final List<TokenizedPattern> compiled;

    private PathPatterns(List<String> patterns, List<TokenizedPattern> compiled) {
        this.patterns = patterns;
        this.compiled = compiled;
    }

    /**
     * @param field the setting's name, for the message
     * @param text patterns separated by commas or new lines; blank for none
     * @throws InvalidSettingException naming the field and the pattern and saying how to fix it
     */
    public static PathPatterns parse(String field, String text) {
        List<String> patterns = new ArrayList<>();
        List<TokenizedPattern> compiled = new ArrayList<>();
        for (String piece : text.split("[,\\n\\r]")) {
            String pattern = normalize(field, piece.trim());
            if (!pattern.isEmpty() && !patterns.contains(pattern)) {
                patterns.add(pattern);
                compiled.add(new TokenizedPattern(toPlatformSeparators(pattern)));
            }
        }
        return patterns.isEmpty() ? NONE : new PathPatterns(List.copyOf(patterns), List.copyOf(compiled));
    }

    /** @return the problem with these patterns, or empty when they are fine; for form validation */
    public static Optional<String> check(String field, String text) {
        try {
            parse(field, text);
            return Optional.empty();
        } catch (InvalidSettingException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String normalize(String field, String pattern) {
        if (pattern.isEmpty()) {
            return pattern;
        }
        String quoted = field + " pattern '" + RepositoryPath.printable(pattern) + "'";
        for (int i = 0; i < pattern.length(); i++) {
            if (Character.isISOControl(pattern.charAt(i))) {
                throw new InvalidSettingException(field, pattern, quoted + " contains a control character: remove it");
            }
        }
        // Glob users write **/*.{css,js}; the comma then splits it into two halves that match nothing.
        if (pattern.indexOf('{') >= 0 != pattern.indexOf('}') >= 0) {
            throw new InvalidSettingException(
                    field,
                    pattern,
                    quoted
                            + " looks like half of a {a,b} alternative, which Ant patterns do not have: list each pattern, as in **/*.css, **/*.js");
        }
        String p = pattern.replace('\\', '/');
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.substring(p.startsWith("/") ? 1 : 2); // patterns are relative to the published root
        }
        if (p.endsWith("/")) {
            p = p + "**"; // Ant's rule: a pattern ending in '/' means everything below that folder
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidSettingException(
                        field,
                        pattern,
                        quoted + " has a '..' segment: patterns match paths below the source root, as in assets/**");
            }
        }
        if (p.isEmpty()) {
            throw new InvalidSettingException(field, pattern, quoted + " matches no file: write ** for everything");
        }
        return p;
    }

    /** Ant splits paths on the platform's separator, so a Jenkins controller on Windows needs {@code \}. */
    private static String toPlatformSeparators(String path) {
        return File.separatorChar == '/' ? path : path.replace('/', File.separatorChar);
    }

    /** A normalised path, split once for all the patterns it is matched against. */
    static TokenizedPath tokenize(String normalizedPath) {
        return new TokenizedPath(toPlatformSeparators(normalizedPath));
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The patterns as normalised: {@code /}-separated, relative, a trailing {@code /} spelled out as {@code /**}. */
    public List<String> patterns() {
        return patterns;
    }

    /** @return the first pattern that matches, or null; the explanation names it */
    @CheckForNull
    String firstMatch(TokenizedPath path) {
        for (int i = 0; i < compiled.size(); i++) {
            if (compiled.get(i).matchPath(path, true)) {
                return patterns.get(i);
            }
        }
        return null;
    }

    /** Whether the path matches one of the patterns; for callers that have a plain string. */
    public boolean matches(String normalizedPath) {
        return firstMatch(tokenize(normalizedPath)) != null;
    }

    @Override
    public String toString() {
        return String.join(", ", patterns);
    }
}
