/**
 * CDI wiring of the registry: the producer, the leader-only sweeper and compaction jobs.
 */
package io.spear.next.sms.registry;
