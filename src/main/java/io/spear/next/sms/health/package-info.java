/**
 * SmallRye Health checks of the store: liveness, readiness (lock file held, directory writable,
 * free space, a timed read, no failing writes) and startup. They learn where the data lives from
 * the store itself.
 */
package io.spear.next.sms.health;
