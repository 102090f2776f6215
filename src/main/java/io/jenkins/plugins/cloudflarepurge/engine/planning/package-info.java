/**
 * Planning: from the files a deployment changed to the cache keys Cloudflare must drop. Paths are normalised,
 * filtered (source root, include and exclude patterns), expanded (index documents, extra paths, cache-key
 * variants) and spelled the way a browser requests them; a fallback replaces the list when there is no
 * changeset or too many URLs. Every decision is explained per file, for dry runs. No Jenkins import here.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.cloudflarepurge.engine.planning;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
