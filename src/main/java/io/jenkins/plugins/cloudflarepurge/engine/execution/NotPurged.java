package io.jenkins.plugins.cloudflarepurge.engine.execution;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;

/**
 * An item that was not purged, and why, in words a person acts on.
 */
public record NotPurged(PurgeItem item, String reason) {}
