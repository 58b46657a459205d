/**
 * The CDI producer of the application's {@code KvStore}: opened at startup through
 * {@code KvStoreFactory}, closed on shutdown and on every dev-mode reload.
 */
package io.spear.next.sms.storage;
