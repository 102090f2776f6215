/** The Cloudflare API: requests, answers, and what every failure means for a person. */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.cloudflarepurge.engine.client;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
