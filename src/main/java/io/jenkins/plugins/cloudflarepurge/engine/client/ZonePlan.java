package io.jenkins.plugins.cloudflarepurge.engine.client;

/**
 * A zone's plan as {@code GET /zones/{zone_id}} answers it.
 *
 * @param id Cloudflare's plan ID
 * @param name e.g. "Free Website", "Pro Website", "Enterprise Website"
 * @param legacyId e.g. "free", "pro", "business", "enterprise"; empty when the answer has none (it is not in the schema)
 */
public record ZonePlan(String id, String name, String legacyId) {}
