/**
 * Delivers alerts to subscribers' webhooks. {@link eu.sectoralerts.webhooks.WebhookDispatcher}
 * reads the alerts topic and POSTs each alert of a watchlist with a webhook as JSON, signed the
 * Standard Webhooks way ({@link eu.sectoralerts.webhooks.WebhookSignatures}), retrying with
 * exponential backoff and full jitter until the endpoint answers 2xx, answers 410 Gone or the
 * give-up age passes. Each delivery's progress is kept on the compacted {@code webhook-deliveries}
 * topic, so a restart resumes pending deliveries and does not repeat finished ones. {@link
 * eu.sectoralerts.webhooks.WebhookUrls} refuses URLs that point into private networks or at cloud
 * metadata services, both when a watchlist is saved and before every attempt.
 */
package eu.sectoralerts.webhooks;
