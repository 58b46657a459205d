/**
 * Micrometer metrics: the timed store decorator, the registry's gauges, metric names and the
 * Prometheus conventions they follow.
 */
package io.spear.next.sms.metrics;
