/** Carrying out a purge: batches, pacing, concurrency, retries, cancellation, progress and the result. */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.cloudflarepurge.engine.execution;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
