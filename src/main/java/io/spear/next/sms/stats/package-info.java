/**
 * The in-memory history of cluster statistics the dashboard draws.
 */
package io.spear.next.sms.stats;
