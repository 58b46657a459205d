/**
 * The node service both protocols call: commands and their field checks, limits, list policy,
 * and the kinds of error each adapter maps to its own status codes.
 */
package io.spear.next.sms.nodes;
