package io.jenkins.plugins.cloudflarepurge.engine.site;

import java.io.IOException;

/**
 * A stored manifest that cannot be read back: not a manifest, a format version this plugin does not know, or a file
 * cut short or damaged. The message says which, for the console; the caller treats the run as having no baseline.
 */
public class UnreadableManifestException extends IOException {

    private static final long serialVersionUID = 1L;

    public UnreadableManifestException(String message) {
        super(message);
    }

    public UnreadableManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
