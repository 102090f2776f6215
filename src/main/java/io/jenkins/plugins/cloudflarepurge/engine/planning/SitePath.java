package io.jenkins.plugins.cloudflarepurge.engine.planning;

/**
 * A path a person wrote relative to the site, such as {@code /sitemap.xml} or {@code /feed.xml?format=rss}: the part
 * of a URL after the prefix. It is written as in a URL, so {@code %C3%A9} and {@code é} are the same path, and
 * it is resolved against every prefix's base path. A missing leading slash is added.
 */
final class SitePath {

    private SitePath() {}

    /**
     * @return the path percent-encoded as a browser sends it, starting with {@code /}, with its query if any
     * @throws InvalidSettingException naming the field and value and saying how to fix it
     */
    static String parse(String field, String raw) {
        String text = raw.trim();
        String quoted = field + " '" + RepositoryPath.printable(raw) + "'";
        if (text.isEmpty()) {
            throw new InvalidSettingException(field, raw, field + " is empty: write a path such as /sitemap.xml");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new InvalidSettingException(field, raw, quoted + " contains a control character: remove it");
            }
        }
        if (text.indexOf('\\') >= 0) {
            throw new InvalidSettingException(field, raw, quoted + " contains a backslash: URL paths use '/'");
        }
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            throw new InvalidSettingException(
                    field,
                    raw,
                    quoted + " has a fragment ('" + text.substring(fragment)
                            + "'): remove it; browsers never send fragments, so they are not part of a cache key");
        }
        int queryStart = text.indexOf('?');
        String path = queryStart < 0 ? text : text.substring(0, queryStart);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (path.length() > 1) {
            String inner = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
            for (String segment : inner.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new InvalidSettingException(
                            field,
                            raw,
                            quoted
                                    + " has an empty, '.' or '..' segment: write the path a browser shows, such as /blog/feed.xml");
                }
            }
        }
        String encoded = UrlPathEncoder.encodeUrlPath(path);
        return queryStart < 0 ? encoded : encoded + "?" + UrlPathEncoder.encodeQuery(text.substring(queryStart + 1));
    }
}
