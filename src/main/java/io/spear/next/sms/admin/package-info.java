/**
 * Operations on the store as a whole: backups (through the store's {@code KvSnapshots}), the
 * backup schedule, export and import.
 */
package io.spear.next.sms.admin;
