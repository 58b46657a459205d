/**
 * Roles, how requests of both protocols are authorized, and the startup check that stops a boot
 * whose authentication could not work.
 */
package io.spear.next.sms.security;
