package io.jenkins.plugins.cloudflarepurge.engine.site;

import java.io.Serializable;
import java.util.List;

/**
 * What scanning a site directory found.
 *
 * @param manifest the published files
 * @param notes console lines about what was left out or followed, such as a symbolic link pointing outside the
 *     directory or a file whose name cannot be spelled; empty when there is nothing to say
 */
public record SiteScan(SiteManifest manifest, List<String> notes) implements Serializable {

    private static final long serialVersionUID = 1L;

    public SiteScan {
        notes = List.copyOf(notes);
    }
}
