/**
 * CDI wiring of the store and the registry: the producer of the application's {@code KvStore}
 * (opened at startup through {@code KvStoreFactory}, closed on shutdown and on every dev-mode
 * reload), the registry's producer, and its leader-only sweeper and compaction jobs.
 */
package io.spear.next.sms.wiring;
