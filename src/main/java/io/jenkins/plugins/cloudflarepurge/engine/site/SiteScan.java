package io.jenkins.plugins.cloudflarepurge.engine.site;

import java.io.Serializable;
import java.util.List;

/**
 * What scanning a site directory found. It travels from the agent to the controller as the manifest's compact form
 * and the notes.
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

    private Object writeReplace() {
        return new SerialForm(manifest, notes.toArray(new String[0]));
    }

    /** A fixed, plainly serialisable shape, whatever list implementation the notes are in. */
    private static final class SerialForm implements Serializable {

        private static final long serialVersionUID = 1L;

        private final SiteManifest manifest;
        private final String[] notes;

        SerialForm(SiteManifest manifest, String[] notes) {
            this.manifest = manifest;
            this.notes = notes;
        }

        private Object readResolve() {
            return new SiteScan(manifest, List.of(notes));
        }
    }
}
